"""Numbers the text contradicts, and short forms only the Party register explains.

Two checks that resolve runs after it has normalised every number:

* a normative number whose year (or National Assembly term) disagrees with the date written
  beside it ("Luật số 72/2022/QH14 ngày 17 tháng 11 năm 2020") is flagged; when the number the
  date supports is known — cited elsewhere in the text with the same date, or in the reference
  data — and the number as written is not, that one is meant (numbering.md §6.1);
* a short form with no earlier full citation ("Quy định 11" in a list of Party rules) is looked
  up in the Party register: the latest document of that type and serial signed by the citing
  document's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from luocdo.ingest.laws import law_by_number, law_records
from luocdo.ingest.models import Citation
from luocdo.ingest.reference import KnownDocument, known_documents, lookup

YEAR_CONTRADICTS_DATE = "year contradicts date"
TERM_CONTRADICTS_YEAR = "term contradicts year"
_NORMATIVE = re.compile(r"(?P<serial>\d{1,5})/(?P<year>(?:19|20)\d\d)/(?P<code>.+)")
_QH_TERM = re.compile(r"(?P<body>(?:PL-|NQ-)?(?:UBTV)?QH)(?P<term>\d{1,2})")
_FIRST_TERM_YEAR = {10: 1997, 11: 2002, 12: 2007, 13: 2011, 14: 2016, 15: 2021, 16: 2026}


def check_number_years(citations: list[Citation]) -> None:
    """Flag (``doubt``) and, where the date decides it, correct normative numbers, in place."""
    cited = {(c.number, c.date) for c in citations if c.number and c.date}
    decided: dict[tuple[str | None, str | None, str | None], tuple[str | None, str | None]] = {}
    for c in citations:
        if c.form != "full":
            continue
        key = (c.number, c.date, c.name)  # a text repeats its citations: each is decided once
        if key not in decided:
            decided[key] = _checked(c, cited)
        doubt, number = decided[key]
        if doubt is not None:
            c.doubt, c.number = doubt, number


def _checked(c: Citation, cited: set[tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    """The doubt about a full citation's number and the number it stands for."""
    m = _NORMATIVE.fullmatch(c.number or "")
    if m is None:
        return None, c.number
    year = c.date[:4] if c.date and len(c.date) == 10 else m.group("year")
    doubt = _doubt(m, year)
    if doubt is None or _known(c.number or ""):
        return doubt, c.number  # a known number is right; the date beside it is the typo
    return doubt, _named(c, m.group("serial")) or next(
        (n for n in _supported(m, year) if n != c.number and _fits(n, c, cited)), c.number)


def _doubt(m: re.Match[str], date_year: str) -> str | None:
    if m.group("year") != date_year:
        return YEAR_CONTRADICTS_DATE
    term = _QH_TERM.fullmatch(m.group("code"))
    if term and not _term_holds(int(term.group("term")), int(date_year)):
        return TERM_CONTRADICTS_YEAR
    return None


def _term_holds(term: int, year: int) -> bool:
    first, last = _FIRST_TERM_YEAR.get(term), _FIRST_TERM_YEAR.get(term + 1)
    return first is not None and first <= year <= (last or first + 5)


def _supported(m: re.Match[str], year: str) -> Iterable[str]:
    """Numbers the date supports: the written one with the date's year, and for National Assembly
    codes with the term of that year ("13/2008/QH11" → "13/2008/QH12")."""
    serial, code = m.group("serial"), m.group("code")
    yield f"{serial}/{year}/{code}"
    if term := _QH_TERM.fullmatch(code):
        for t in (t for t in _FIRST_TERM_YEAR if _term_holds(t, int(year))):
            yield f"{serial}/{year}/{term.group('body')}{t}"


def _named(c: Citation, serial: str) -> str | None:
    """The one law of the name the citation gives with this serial: "Luật Phí và lệ phí số
    97/2025/QH13" is 97/2015/QH13, whatever the year written."""
    if not c.name:
        return None
    found = {r.number for r in law_records() if r.name == c.name and r.number.startswith(serial + "/")}
    return found.pop() if len(found) == 1 else None


def _fits(number: str, c: Citation, cited: set[tuple[str | None, str | None]]) -> bool:
    """Cited elsewhere in the text with the same date, or known and (for a law cited with its
    name) of that name."""
    if (number, c.date) in cited:
        return True
    law = law_by_number(number)
    if law is not None:
        return not c.name or law.name == c.name
    return bool(lookup(number))


def _known(number: str) -> bool:
    return law_by_number(number) is not None or bool(lookup(number))


def from_party_register(c: Citation, on: str | None) -> KnownDocument | None:
    """The Party document a short form with no antecedent means: same serial and type, the latest
    signed by ``on`` (the citing document's date); with no date, only a single candidate."""
    digits = (c.as_cited_number or "").partition("/")[0]
    if not digits or "/" in (c.as_cited_number or "") or not c.doc_type:
        return None
    candidates = [d for d in _party_by_serial().get(digits.lstrip("0") or "0", ())
                  if _same_type(d.type, c.doc_type) and d.signed_date]
    if on:
        candidates = [d for d in candidates if d.signed_date <= on]
    elif len({d.number for d in candidates}) != 1 or len(candidates) != 1:
        return None
    return max(candidates, key=lambda d: d.signed_date, default=None)


@cache
def _party_by_serial() -> dict[str, tuple[KnownDocument, ...]]:
    index: dict[str, list[KnownDocument]] = {}
    for d in known_documents():
        if d.branch == "party" and (m := re.match(r"0*(\d{1,5})-", d.number)):
            index.setdefault(m.group(1), []).append(d)
    return {k: tuple(v) for k, v in index.items()}


def _same_type(known: str, cited: str) -> bool:
    decisions = {"Quyết định", "Quy định"}
    return known == cited or {known, cited} <= decisions
