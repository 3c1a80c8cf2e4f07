"""Mentions of one document in a text: what one mention writes (its date, its issuer in full, even
its number) the others may leave out or write wrong.

Resolve calls :func:`fill_from_same_number` once its numbers are read, before it makes ids.
"""

from __future__ import annotations

from functools import lru_cache

from luocdo.ingest.models import Citation


def fill_from_same_number(citations: list[Citation]) -> None:
    """A mention without date or issuer takes them from another of the same number: the first
    earlier one that wrote a date, else any earlier one; before the first dated one (a plan's
    title: "KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG"), the first dated one, when the text gives
    that number dates of one year only.

    A later one without a date whose symbol has the earlier one's parts in another order ("Kế hoạch
    số 16/KH-MTTQ-BTT ngày 23/12/2025 …", then "Kế hoạch số 16/KH-BTT-MTTQ của Tỉnh") is that
    document, its number written wrong: it takes the earlier one's number, date and issuer."""
    seen: dict[str, Citation] = {}  # by number: the first mention that wrote a date, else the first
    by_parts: dict[tuple[str, frozenset[str]], Citation] = {}
    dated: dict[str, list[Citation]] = {}
    for c in citations:
        if not c.number:
            continue
        c.date_written = bool(c.date)
        parts = _symbol_parts(c.number)
        if c.number not in seen and not c.date and parts in by_parts:
            first = by_parts[parts]
            c.doubt = c.doubt or f"written {c.number}; the document cited before as {first.number}"
            c.number, c.issuer = first.number, first.issuer
        earlier = seen.get(c.number)
        if earlier is None or (c.date_written and not earlier.date_written):
            seen[c.number] = c
        by_parts.setdefault(parts, c)
        if c.date_written:
            dated.setdefault(c.number, []).append(c)
        elif earlier is not None:
            c.date = earlier.date
            c.issuer = c.issuer or earlier.issuer
    for c in citations:  # (dates of one year are one document to the graph, whose ids hold the year)
        if c.number and not c.date and len({(d.date or "")[:4] for d in dated.get(c.number, ())}) == 1:
            c.date, c.issuer = dated[c.number][0].date, c.issuer or dated[c.number][0].issuer
    _complete_issuers(citations)


def _complete_issuers(citations: list[Citation]) -> None:
    """An issuer written short ("… SỐ 636/QĐ-UBND NGÀY 17/3/2025 CỦA UBND", a title's line cut before
    "TỈNH QUẢNG NAM") takes the longer one another mention of the same number and year gives, when
    that one starts with it ("UBND tỉnh Quảng Nam")."""
    longest: dict[tuple[str, str], str] = {}
    for c in citations:
        if c.number and c.issuer:
            key = (c.number, (c.date or "")[:4])
            if len(c.issuer) > len(longest.get(key, "")):
                longest[key] = c.issuer
    for c in citations:
        if c.number and c.issuer and (full := longest.get((c.number, (c.date or "")[:4]))) \
                and full.lower().startswith(c.issuer.lower() + " "):
            c.issuer = full
    _in_sentence_case(citations)


def _in_sentence_case(citations: list[Citation]) -> None:
    """An issuer in a title's capitals ("CỦA THỦ TƯỚNG CHÍNH PHỦ"), and the mentions that took it from
    there, as another mention of the same number writes it in the running text ("Thủ tướng Chính phủ")."""
    written: dict[tuple[str, str], str] = {}
    for c in citations:
        if c.number and c.issuer and not c.issuer.isupper():
            written.setdefault((c.number, c.issuer.casefold()), c.issuer)
    for c in citations:
        if c.number and c.issuer and c.issuer.isupper():
            c.issuer = written.get((c.number, c.issuer.casefold()), c.issuer)


@lru_cache(maxsize=4096)  # a text cites the same few numbers many times over
def _symbol_parts(number: str) -> tuple[str, frozenset[str]]:
    """"16/KH-MTTQ-BTT" → ("16", {"KH", "MTTQ", "BTT"}): a number whatever the order of its symbol's parts."""
    seq, _, symbol = number.partition("/")
    return seq, frozenset(symbol.split("-"))
