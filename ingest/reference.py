"""Documents the reference data knows, and the canonical form of a symbol as cited.

``data/reference/documents.csv`` (state and Party documents on grassroots democracy, from
``shared/domain/validity.csv``) and ``laws.csv`` (laws, codes, ordinances) together are what
:func:`known_documents` returns. :func:`normalise_number` applies the rules of numbering.md §6;
the National Assembly terms and the ASCII spellings of codes it uses are in ``na_terms.csv`` and
``symbol_codes.csv``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from importlib.resources import files

from luocdo.ingest.doctypes import doc_types
from luocdo.ingest.laws import LawRecord, law_records

_ROMAN = {10: "X", 11: "XI", 12: "XII", 13: "XIII", 14: "XIV", 15: "XV"}
_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P", "Т": "T",
    "Х": "X", "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "Ð": "Đ", "ð": "đ",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-", "\u00a0": " ",
})
# numbering.md §4: Party issuer codes, after which "N/TYPE-ISSUER" is a swapped "N-TYPE/ISSUER".
_PARTY_ISS = (r"(?:TW|TƯ|TU|HU|QU|ThU|ĐU|CB|VPTW|BTCTW|BDVTW|BTGTW|BTGDVTW|UBKTTW|BNCTW"
              r"|[A-ZĐ][A-Za-zĐđƯư]*(?:TW|TU|HU|QU|ĐU))")
_PARTY_SWAP = re.compile(rf"(\d{{1,5}})/([A-ZĐ][A-Za-zĐđ]{{0,4}})-({_PARTY_ISS})")
_PARTY_BARE = re.compile(rf"(\d{{1,5}})/({_PARTY_ISS})")  # "Nghị quyết 02/TU": type code dropped
_NO_TERM = re.compile(r"(\d{1,4})/((?:19|20)\d\d)/((?:PL-|NQ-)?UBTVQH|QH)")
_NO_YEAR = re.compile(r"(\d{1,4})/((?:PL|NQ)-UBTVQH\d{1,2})")
_GLUED = re.compile(r"(\d{1,5}/(?:(?:19|20)\d\d/)?)(NĐ|QĐ|TT|NQ|CT|TTLT)(CP|TTg|UBND|HĐND|B[A-ZĐ]{1,8})")
_PREFIX = re.compile(r"^(?:số|no\.?)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class KnownDocument:
    number: str  # canonical symbol: "04/2015/NĐ-CP", "124-QĐ/TW", "45/2019/QH14", "HP-2013"
    type: str  # "Nghị định", "Quy định", "Luật" …
    issuer: str  # "Chính phủ", "Bộ Chính trị", "Quốc hội"
    term: str  # khóa of the NA or Party organ, roman: "XIII"; "" when unknown
    branch: str  # "state" | "party"
    level: str  # "national"
    signed_date: str  # ISO ("1998" when only the year is known) or ""
    effective_date: str
    title: str
    status: str  # "in force" | "expired" | "partly expired" | "superseded de facto" | "unknown"
    replaced_by: str
    replaced_from: str  # the date the successor takes over (laws: end_date)
    verified: str  # "yes" | "no": "no" when any fact in the row is unconfirmed
    note: str
    source: str


def _read(name: str) -> list[dict[str, str]]:
    text = (files("luocdo.data") / "reference" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _from_law(law: LawRecord) -> KnownDocument:
    term = re.search(r"QH(\d{1,2})$", law.number)
    status = law.status if law.status != "unverified" else ("expired" if law.end_date else "in force")
    return KnownDocument(
        number=law.number, type=law.type, issuer="Ủy ban Thường vụ Quốc hội" if "UBTVQH" in law.number else "Quốc hội",
        term=_ROMAN.get(int(term.group(1)), "") if term else "", branch="state", level="national",
        signed_date=law.signed_date, effective_date=law.effective_date, title=law.name, status=status,
        replaced_by=law.replaced_by, replaced_from=law.end_date,
        verified="no" if law.status == "unverified" else "yes", note="", source="laws.csv",
    )


@cache
def known_documents() -> tuple[KnownDocument, ...]:
    """``documents.csv`` rows, then ``laws.csv`` rows; a law in both keeps the documents.csv row,
    its empty fields filled from laws.csv."""
    names = [f.name for f in fields(KnownDocument)]
    docs = [KnownDocument(**{k: row[k] for k in names}) for row in _read("documents.csv")]
    index = {d.number: i for i, d in enumerate(docs)}
    for law in map(_from_law, law_records()):
        i = index.get(law.number)
        if i is None:
            docs.append(law)
            continue
        doc = docs[i]
        filled = {k: getattr(law, k) for k in names
                  if getattr(law, k) and not getattr(doc, k) and k not in ("note", "verified", "source")}
        docs[i] = replace(doc, **filled, source=f"{doc.source} ; laws.csv" if filled else doc.source)
    return tuple(docs)


def _loose(number: str) -> str:
    """Key that ignores leading zeros of the serial and QĐ vs QĐi (numbering.md §6)."""
    return re.sub(r"^0+(?=\d)", "", number).replace("QĐi", "QĐ")


@cache
def _index() -> tuple[dict[str, list[KnownDocument]], dict[str, list[KnownDocument]]]:
    exact: dict[str, list[KnownDocument]] = {}
    loose: dict[str, list[KnownDocument]] = {}
    for doc in known_documents():
        exact.setdefault(doc.number, []).append(doc)
        loose.setdefault(_loose(doc.number), []).append(doc)
    return exact, loose


def _known(number: str) -> list[KnownDocument]:
    return _index()[0].get(number, [])


@cache
def _codes() -> dict[str, str]:
    """Symbol code as written, upper case → canonical ("ND" → "NĐ", "TTG" → "TTg")."""
    return {r["written"].upper(): r["canonical"] for r in _read("symbol_codes.csv")}


@cache
def _terms() -> tuple[tuple[int, int, int], ...]:
    """(term, first year, last year) of each National Assembly term."""
    return tuple((int(r["term"]), int(r["start_year"]), int(r["end_year"])) for r in _read("na_terms.csv"))


def _code(token: str) -> str:
    if (canonical := _codes().get(token.upper())) is not None:
        return canonical
    return token.upper() if token.islower() else token


def _fill_term(m: re.Match[str]) -> str:
    """"34/2007/PL-UBTVQH" → "34/2007/PL-UBTVQH11"; on a boundary year the known document decides."""
    num, year, code = m.group(1), int(m.group(2)), m.group(3)
    forms = [f"{num}/{year}/{code}{term}" for term, first, last in _terms() if first <= year <= last]
    known = [f for f in forms if _known(f)]
    return (known or forms or [m.group(0)])[0]


def _party_code(doc_type: str) -> str | None:
    """Code of a Party type name, "Nghị quyết" → "NQ"; a Party Quy định is written QĐ before and after QĐi."""
    if doc_type == "Quy định":
        return "QĐ"
    return next((t.code for t in doc_types() if t.name == doc_type and t.code and t.branch in ("party", "both")), None)


@lru_cache(maxsize=65536)  # the same phrases recur across thousands of documents
def normalise_number(as_cited: str, *, doc_type: str | None = None, date: str | None = None) -> str:
    """The canonical form of a symbol as written (numbering.md §6).

    NFC, look-alike letters and dashes, no spaces, ASCII and letter-case spellings of codes
    (``symbol_codes.csv``), Party separator swaps ("30/CT-TW" → "30-CT/TW"), a missing NA term
    ("34/2007/PL-UBTVQH" → "…11"), a missing year in old UBTVQH symbols when the reference knows
    the document, and a Party Quy định "N-QĐ/TW" the reference knows as "N-QĐi/TW".
    """
    text = unicodedata.normalize("NFC", as_cited).translate(_LOOKALIKES).strip()
    text = re.sub(r"T\s*\.\s*[ƯW]", "TW", _PREFIX.sub("", text))
    text = re.sub(r"\s+", "", text)
    text = "".join(part if part in "-/" else _code(part) for part in re.split(r"([-/])", text))
    if m := _PARTY_SWAP.fullmatch(text):
        text = f"{m.group(1)}-{m.group(2)}/{m.group(3)}"
    elif (m := _PARTY_BARE.fullmatch(text)) and doc_type and (code := _party_code(doc_type)):
        text = f"{m.group(1)}-{code}/{m.group(2)}"
    if m := _GLUED.fullmatch(text):  # "214/2025/NĐCP": the hyphen between type and issuer dropped
        text = f"{m.group(1)}{m.group(2)}-{m.group(3)}"
    if m := _NO_TERM.fullmatch(text):
        text = _fill_term(m)
    if m := _NO_YEAR.fullmatch(text):
        pattern = re.compile(rf"{m.group(1)}/((?:19|20)\d\d)/{re.escape(m.group(2))}")
        years = [d for d in known_documents() if pattern.fullmatch(d.number)]
        if date:
            years = [d for d in years if d.signed_date[:4] == date[:4]]
        if len({d.number for d in years}) == 1:
            text = years[0].number
    if doc_type == "Quy định" and (m := re.fullmatch(r"(\d{1,5})-QĐ/(.+)", text)):
        qdi = _known(f"{m.group(1)}-QĐi/{m.group(2)}")
        if qdi and (not _known(text) or not date or any(d.signed_date == date for d in qdi)):
            text = qdi[0].number
    return text


def _order(doc: KnownDocument, date: str | None, doc_type: str | None) -> tuple[int, int, int, str]:
    """Sort key: same date, then type as cited, then nearest signed date not after ``date``, then after."""
    signed = doc.signed_date
    wrong_type = int(bool(doc_type) and _fold(doc.type) != _fold(doc_type or ""))
    if not date or not signed:
        return (1, wrong_type, 1, _invert(signed))
    if signed.startswith(date) or date.startswith(signed):
        return (0, wrong_type, 0, "")
    if signed <= date:
        return (1, wrong_type, 1, _invert(signed))
    return (1, wrong_type, 2, signed)


def _invert(iso: str) -> str:
    """A string that sorts in the reverse order of ISO dates (latest first)."""
    return "".join(chr(0x7F - ord(c)) for c in iso.ljust(10, "0"))


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def lookup(number: str, *, date: str | None = None, doc_type: str | None = None) -> list[KnownDocument]:
    """Known documents with this number, best first: signed on ``date`` (ISO, possibly partial),
    then of the type cited, then the nearest signed before ``date``, then after it (latest first
    without a date). Leading zeros and QĐ vs QĐi are ignored when nothing matches exactly."""
    return list(_ranked(number, date, doc_type))


@lru_cache(maxsize=8192)  # a document cites the same few numbers many times over
def _ranked(number: str, date: str | None, doc_type: str | None) -> tuple[KnownDocument, ...]:
    key = normalise_number(number, doc_type=doc_type, date=date)
    exact, loose = _index()
    candidates = exact.get(key) or loose.get(_loose(key), [])
    return tuple(sorted(candidates, key=lambda d: _order(d, date, doc_type)))


def type_mismatch(number: str, doc_type: str, *, date: str | None = None) -> str | None:
    """The true type when the reference knows the document and the citation names another
    ("Quy định số 217-QĐ/TW" → "Quyết định"); None when they agree or the document is unknown."""
    candidates = lookup(number, date=date, doc_type=doc_type)
    if not candidates or not doc_type:
        return None
    types = [candidates[0].type] if date and candidates[0].signed_date else [d.type for d in candidates]
    if any(_fold(t) == _fold(doc_type) for t in types):
        return None
    return candidates[0].type

