"""Laws, codes, ordinances and constitutions cited by name (``data/reference/laws.csv``).

:func:`find_law_names` finds every name and alias of the table in running text, case- and
tone-insensitively, longest name first. :func:`law_by_name` turns a name, plus what the citation
and the citing document say about dates, into the one act meant.

Matching runs on ``fold_tones(text).lower()``, which keeps the length of the text, so offsets
found there index the text itself. Anchor words ("luật", "bộ luật", "hiến pháp" …) are found with
a plain scan for the words; at each one a regex reads the longest name of the table (a character
trie written as a regex), so the work is linear in the text and stays mostly in the regex engine.
"""

from __future__ import annotations

import csv
import heapq
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import cache, lru_cache
from importlib.resources import files

from luocdo.ingest.clean import fold_tones
from luocdo.ingest.models import lower_same_length

# "Hiến pháp" alone means the constitution in force; the table names each one in full.
_GENERIC = {"hiến pháp": "Hiến pháp"}
_SEP = re.compile(r"[\s,]+")
_END = "\0"  # trie key of the set of table rows a name stands for


@dataclass(frozen=True)
class LawRecord:
    number: str  # "45/2019/QH14", "HP-2013"
    type: str  # "Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Nghị quyết"
    name: str
    signed_date: str
    effective_date: str
    end_date: str  # "" while in force
    replaced_by: str
    status: str  # as in laws.csv: "in force", "expired", "partly expired", "unverified"


@dataclass(frozen=True)
class LawMention:
    """A law named in text. ``end`` includes a year, date or number written right after the name."""

    start: int
    end: int
    name: str  # canonical name from the table ("Luật Tố cáo"); "Hiến pháp" for the bare word
    year: int | None = None  # "năm 2022", "(năm 2022)", "2019"
    date: str | None = None  # ISO, from "ngày 23/6/2014" / "ngày 19 tháng 6 năm 2015"
    number: str | None = None  # "42/2013/QH13", from "số 42/2013/QH13"
    name_end: int = 0  # end of the name alone
    # Named inside "Luật sửa đổi, bổ sung một số điều của Luật X" when the table lacks that amending
    # law: the text cites an amendment of X, not X itself (see find_law_names).
    in_amendment: bool = False
    # An amending law of the table read from its title as written, which holds the laws it lists
    # (their numbered citations too: "… của Luật Đất đai số 31/2024/QH15, Luật Nhà ở …").
    amending_title: bool = False


def _match_form(text: str) -> str:
    """Tone-folded lower case of the same length as ``text``."""
    return lower_same_length(fold_tones(text))


def _key(name: str) -> str:
    """Lookup form of a name: NFC, folded, lower case, commas and runs of spaces as one space."""
    return _SEP.sub(" ", _match_form(unicodedata.normalize("NFC", name))).strip()


@cache
def _rows() -> tuple[dict[str, str], ...]:
    text = (files("luocdo.data") / "reference" / "laws.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text, newline="")))


@cache
def law_records() -> tuple[LawRecord, ...]:
    """All rows of ``laws.csv``."""
    return tuple(
        LawRecord(r["number"], r["type"], r["name"], r["signed_date"], r["effective_date"],
                  r["end_date"], r["replaced_by"], r["status"])
        for r in _rows()
    )


@cache
def _names() -> dict[str, frozenset[str]]:
    """Lookup form of every name and alias → the numbers of the rows it may mean."""
    index: dict[str, set[str]] = {}
    for row in _rows():
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                index.setdefault(_key(name), set()).add(row["number"])
    for key in _GENERIC:
        index.setdefault(key, set()).update(r.number for r in law_records() if r.type == "Hiến pháp")
    return {k: frozenset(v) for k, v in index.items()}


@cache
def _by_number() -> dict[str, LawRecord]:
    return {r.number: r for r in law_records()}


@cache
def _display_name(key: str) -> str:
    """The table name shared by all rows a key may mean, else the generic name."""
    if key in _GENERIC:
        return _GENERIC[key]
    names = {_by_number()[n].name for n in _names()[key]}
    return names.pop() if len(names) == 1 else key


@cache
def _trie() -> dict[str, object]:
    root: dict[str, object] = {}
    for key, numbers in _names().items():
        node = root
        for ch in key:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[_END] = numbers
    return root


def _trie_pattern(node: dict[str, object]) -> str:
    """A regex for the names of the trie under ``node``, longest first.

    A run of spaces and commas in the text reads as one space, so "Luật Phòng chống tham nhũng"
    and a line break inside a name still match. A name must end at a word boundary. Each letter
    leads to one child at most, so the engine follows a single path and falls back to the
    longest name along it.
    """
    branches = [
        (r"[\s,]++" if ch == " " else re.escape(ch)) + _trie_pattern(child)  # type: ignore[arg-type]
        for ch, child in node.items() if ch != _END
    ]
    if _END in node:
        branches.append(r"(?!\w)")  # a name ends here unless a longer one goes on
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def _head_words() -> tuple[str, ...]:
    """The first words of all names ("luật", "bộ luật", "hiến pháp", "pháp lệnh", "nghị quyết"), longest first."""
    heads = {" ".join(k.split()[:2]) if k.startswith(("bộ ", "hiến ", "pháp ", "nghị ")) else k.split()[0]
             for k in _names()}
    return tuple(sorted(heads, key=lambda h: (-len(re.escape(h)), re.escape(h))))


@cache
def _heads() -> str:
    """:func:`_head_words` as a regex."""
    return "|".join(map(re.escape, _head_words()))


@cache
def _anchor_re() -> re.Pattern[str]:
    """A first word of a name standing as a word: an anchor.

    Only the anchor words are consumed, so anchors are found as by a plain scan for them. From
    each one the regex reads ahead the longest name of the table (group ``name``), or failing
    that the opening of an amending law's title (group ``amending``).
    """
    ahead = rf"(?=(?P<name>{_trie_pattern(_trie())}))|(?=(?P<amending>{_AMENDING.pattern}))|"
    return re.compile(rf"(?<!\w)(?:{ahead})(?:{_heads()})(?!\w)")


def _anchors(low: str) -> Iterator[re.Match[str]]:
    """The matches of ``_anchor_re().finditer(low)`` that read a name or an amending title, found faster.

    The anchor regex opens with a look-behind, so the regex engine tries it at every place of the
    text; it is tried only where a first word starts (:func:`_head_starts`). Where it fails
    ("xluật"), the next place is tried.
    """
    anchor = _anchor_re()
    pos = 0
    for start in _head_starts(low):
        if start < pos:
            continue
        if (m := anchor.match(low, start)) is None:
            continue
        if m["name"] is not None or m["amending"] is not None:
            yield m
        pos = m.end()


def _head_starts(low: str) -> Iterator[int]:
    """Every place where a first word of a name starts, in order, overlaps included (what a
    search for ``_heads()`` finds from each place on). One scan per word: the engine searches
    for a literal as a string, while it tries an alternation of them at every place."""
    return heapq.merge(*([m.start() for m in re.finditer(re.escape(head), low)] for head in _head_words()))


_YEAR = re.compile(r"\s*(?:\(\s*(?:năm\s+)?((?:19|20)\d\d)\s*\)|(?:năm\s+)?((?:19|20)\d\d)(?![\d/]))")
_NUMBER = re.compile(r"\s*,?\s*(?:số\s*:?\s*)?(\d{1,4}\s*/\s*(?:19|20)\d\d\s*/\s*[a-zđ0-9-]{2,14}|\d{1,3}-l/ctn)")
_DATE_NUM = re.compile(r"\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)(?!\d)")
_DATE_WORDS = re.compile(r"\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)(?!\d)")
_ALIAS_YEAR = re.compile(r"((?:19|20)\d\d)$")
_AMENDING = re.compile(r"luật sửa đổi(?:[\s,]+bổ sung)?(?:\s+một số điều)?(?:\s+của)?\s+")
_CHAIN = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")
_LAW_WORD = re.compile(r"luật(?!\w)")
# "tuân thủ Hiến pháp và pháp luật": the constitution and the laws in general, a set phrase, not a citation.
_SET_PHRASE = re.compile(r"\s*(?:,|và|hoặc)\s*pháp luật(?!\w)")
# "pháp luật đất đai" (land law in general), "kỷ luật cán bộ, công chức" (discipline), "dự luật" (a bill):
# compounds of "luật" that are not the name of an act.
_COMPOUND = re.compile(r"(?<!\w)(?:pháp|kỷ|quy|dự)\s+$")


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return Date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _suffix(text: str, low: str, pos: int, *, no_date: bool) -> tuple[int, int | None, str | None, str | None]:
    """Read a year, number and date written after a name, in any order: (end, year, date, number)."""
    year: int | None = None
    when: str | None = None
    number: str | None = None
    progress = True
    while progress:
        progress = False
        if year is None and when is None and (m := _YEAR.match(low, pos)):
            year, pos, progress = int(m.group(1) or m.group(2)), m.end(), True
        if number is None and (m := _NUMBER.match(low, pos)):
            number = re.sub(r"\s+", "", text[m.start(1):m.end(1)])
            pos, progress = m.end(), True
        if when is None and not no_date and (m := _DATE_NUM.match(low, pos) or _DATE_WORDS.match(low, pos)):
            if iso := _iso(*m.groups()):
                when, pos, progress = iso, m.end(), True
    return pos, year, when, number


def find_law_names(text: str, *, tones_folded: bool = False, low: str | None = None) -> list[LawMention]:
    """Every law, code, ordinance or constitution of ``laws.csv`` named in ``text``, in order.

    "Luật sửa đổi, bổ sung một số điều của Luật X" is one mention of the amending law when the
    table has it. When it does not, each law named in the title (X, and Y in "… của Luật X và
    Luật Y") is reported with ``in_amendment=True``; a date after the title is the amending law's,
    so it is not given to X (a year or number written right after X is X's: "của Luật X số 76/2015/QH13").
    Pass ``tones_folded=True`` when ``text`` is already tone-folded (``SourceText.match_text``),
    and ``low``, its lower case, when it is at hand (``SourceText.match_lower``).
    """
    low = low if low is not None else lower_same_length(text) if tones_folded else _match_form(text)
    mentions: list[LawMention] = []
    chain_at = -1  # where the next law of an unknown amending law's title would start
    heads: list[tuple[int, int]] = []  # where each such title starts, and its first law's index
    pos = 0
    for anchor in _anchors(low):
        start, name = anchor.start(), anchor["name"]
        if start < pos:
            continue
        if _LAW_WORD.match(low, start) and _COMPOUND.search(low, max(0, start - 8), start):
            continue
        if name is None:
            chain_at = anchor.end("amending")
            heads.append((start, len(mentions)))
            continue
        key = _SEP.sub(" ", name)
        name_end = anchor.end("name")
        if key in _GENERIC and _SET_PHRASE.match(low, name_end):
            pos = name_end
            continue
        in_amendment = start == chain_at
        end, year, when, number = _suffix(text, low, name_end, no_date=in_amendment)
        if year is None and (m := _ALIAS_YEAR.search(key)):
            year = int(m.group(1))
        mentions.append(LawMention(start, end, _display_name(key), year, when, number, name_end, in_amendment))
        pos = end
        chain_at = -1
        if in_amendment and (m := _CHAIN.match(low, end)) is not None:
            chain_at = m.end()
    for head_start, first in reversed(heads):
        amending = _amending_title(text, low, head_start, mentions, first) or _unknown_amending(
            text, low, head_start, mentions, first)
        if amending is not None:
            mentions.insert(first, amending)
    return mentions


def _amending_title(text: str, low: str, head_start: int, mentions: list[LawMention],
                    first: int) -> LawMention | None:
    """The amending law whose title starts at ``head_start`` and lists the laws ``mentions[first:]``
    (flagged ``in_amendment``), when the table holds exactly one that amends those laws, in that
    order, and was signed on the date (or in the year) written after the list, if one is.

    Texts write such a title otherwise than the table: with each law's number ("… của Luật Đất đai
    số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 …") or without "một số điều của". The mention
    spans the title and the date after it; the laws it lists are mentions of their own, inside it."""
    listed = _listed(mentions, first)
    if not listed:
        return None
    candidates = _amending_laws().get(tuple(m.name for m in listed), ())
    _, year, when, _ = _suffix(text, low, listed[-1].end, no_date=False)
    if when:
        candidates = tuple(r for r in candidates if r.signed_date == when)
    elif year:
        candidates = tuple(r for r in candidates if r.signed_date[:4] == str(year))
    if len(candidates) != 1:
        return None
    end = _suffix(text, low, listed[-1].end, no_date=False)[0]
    return LawMention(head_start, end, candidates[0].name, year, when, None, listed[-1].end, amending_title=True)


def _unknown_amending(text: str, low: str, head_start: int, mentions: list[LawMention],
                      first: int) -> LawMention | None:
    """An amending law the table lacks, named by its title ("Luật sửa đổi, bổ sung một số điều của
    Luật Tiêu chuẩn và quy chuẩn kỹ thuật"): the mention spans the title as written and the date
    after it, which is the amending law's; the laws it lists are mentions of their own, inside it."""
    listed = _listed(mentions, first)
    if not listed:
        return None
    end, year, when, _ = _suffix(text, low, listed[-1].end, no_date=False)
    name = " ".join(text[head_start:listed[-1].end].split())
    # A number after the last law listed is that law's or the amending law's: the law's mention reads
    # it. (Not an ``amending_title``: a numbered citation inside makes the title a citation of its own.)
    return LawMention(head_start, end, name, year, when, None, listed[-1].end)


def _listed(mentions: list[LawMention], first: int) -> list[LawMention]:
    """The laws an amending law's title lists, from ``mentions[first]`` on."""
    listed: list[LawMention] = []
    for m in mentions[first:]:
        if not m.in_amendment or (listed and m.start - listed[-1].end > 8):
            break
        listed.append(m)
    return listed


@cache
def _amending_laws() -> dict[tuple[str, ...], tuple[LawRecord, ...]]:
    """The table's amending laws by the laws their titles list, in order ("Luật Đất đai", "Luật
    Nhà ở", …): only titles that are the amending words and a list of the table's laws, whole."""
    out: dict[tuple[str, ...], list[LawRecord]] = {}
    for record in law_records():
        title = _match_form(unicodedata.normalize("NFC", record.name))
        if (head := _AMENDING.match(title)) is None:
            continue
        listed = find_law_names(title[head.end():], tones_folded=True, low=title[head.end():])
        bounds = [0, *(i for m in listed for i in (m.start, m.end)), len(title) - head.end()]
        gaps = [title[head.end() + bounds[k]:head.end() + bounds[k + 1]] for k in range(0, len(bounds), 2)]
        if listed and gaps[0] == "" and gaps[-1] == "" and all(_CHAIN.fullmatch(g) for g in gaps[1:-1]):
            out.setdefault(tuple(m.name for m in listed), []).append(record)
    return {names: tuple(records) for names, records in out.items()}


def as_day(iso: str) -> str:
    """A possibly partial ISO date as a full one: "2022" → "2022-01-01", "2022-06" → "2022-06-01"."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def laws_named(name: str) -> tuple[LawRecord, ...]:
    """Every act of the table a name (or alias) may mean, the latest signed first."""
    numbers = _names().get(_key(name), frozenset())
    return tuple(sorted((_by_number()[n] for n in numbers), key=lambda r: r.signed_date, reverse=True))


def law_passed_by(name: str, day: str) -> LawRecord | None:
    """The newest act of that name signed by ``day``, in force yet or not: the one an act signed
    that day amends or details (Luật 43/2024/QH15, signed 2024-06-29, amends Luật Đất đai
    31/2024/QH15, in force from 2024-08-01, not 45/2013/QH13)."""
    return next((r for r in laws_named(name) if r.signed_date and r.signed_date <= day), None)


def _in_force(rec: LawRecord, day: str) -> bool:
    return bool(rec.effective_date) and rec.effective_date <= day and (not rec.end_date or day < rec.end_date)


def law_by_name(name: str, *, on: str | None = None, year: int | None = None,
                date: str | None = None) -> LawRecord | None:
    """The one act a name means: signed on ``date``, else signed in ``year`` (or the year of
    ``date``; of two that year, the one in force on ``on``, else signed by then), else signed on
    ``date``'s day and month; with a year alone, the one that took effect that year or none; else
    in force on ``date`` or else ``on`` (the citing document's date, ISO, possibly partial), else
    the latest signed by then (never one passed after it), else the latest."""
    key = _key(name)
    if key not in _names() and (m := re.search(r"\s*\(?(?:năm\s+)?((?:19|20)\d\d)\)?$", key)):
        key, year = key[:m.start()], year or int(m.group(1))
    candidates = laws_named(key)
    if not candidates:
        return None
    if date and (hits := [r for r in candidates if r.signed_date == date]):
        return hits[0]
    if year is None and date:
        year = int(date[:4])
    if year is not None and (hits := [r for r in candidates if r.signed_date[:4] == str(year)]):
        if on and len(hits) > 1:  # two laws of one name in a year (local government, 2025): the one then
            day = as_day(on)
            hits = [r for r in hits if _in_force(r, day)] or [r for r in hits if r.signed_date <= day] or hits
        return hits[0]
    if date and len(hits := [r for r in candidates if r.signed_date[4:] == date[4:]]) == 1:
        return hits[0]  # the day and month it was passed, the year mistyped ("Luật Thương mại ngày 14/6/2025")
    if year is not None and not date:
        # A year alone: the one that took effect that year ("Luật Doanh nghiệp năm 2000"), else none of
        # the table ("Luật Năng lượng nguyên tử 2025", passed after the table was made, is not the
        # law of 2008 it replaces).
        hits = [r for r in candidates if r.effective_date[:4] == str(year)]
        return hits[0] if hits else None
    if on or date:
        # As of the date written when it matched none ("Pháp lệnh cán bộ, công chức ngày 28 tháng 4
        # năm 2000", the day it was amended), else of the citing document's.
        day = as_day(date or on or "")
        if hits := [r for r in candidates if _in_force(r, day)]:
            return hits[0]
        if hits := [r for r in candidates if r.signed_date <= day]:
            return hits[0]
        return None  # every law of that name was passed after ``on``: the text cannot mean one of them
    return candidates[0]


@lru_cache(maxsize=4096)
def law_by_number(number: str) -> LawRecord | None:
    """The row of ``laws.csv`` with this number (as printed: "45/2019/QH14", "34/2007/PL-UBTVQH11")."""
    return _by_number().get(re.sub(r"\s+", "", unicodedata.normalize("NFC", number)))
