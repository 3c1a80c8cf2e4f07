"""Plain data objects passed between the steps of the ingest pipeline.

file → :class:`RawText` (reader) → :class:`SourceText` (clean-up) → :class:`Document` (metadata).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from luocdo.ingest.kinds import Relation


def lower_same_length(text: str) -> str:
    """``text.lower()`` when it keeps the length (it lengthens "İ"), else lowered letter by letter:
    offsets found in the result index ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


class ReadError(Exception):
    """A file could not be turned into text; ``reason`` is one line for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return ReadError, (self.source, self.reason)  # it crosses from worker processes


@dataclass(frozen=True)
class RawText:
    """Text exactly as a reader decoded it from a file, before any clean-up."""

    source: str
    text: str
    format: str  # "txt", "docx", "pdf", "html"
    encoding: str  # "utf-8", "utf-16", "windows-1258", "tcvn3", "vni", or the container format
    sha256: str = ""  # of the file's bytes


@dataclass(frozen=True)
class SourceText:
    """Cleaned, NFC text with a map back to the original.

    ``text`` is what every later step reads. ``offsets[i]`` is the index in ``original`` of
    ``text[i]`` (``offsets[len(text)]`` is ``len(original)``), so spans found in ``text`` can be
    shown on the original. ``match_text`` has the same length as ``text`` with one tone-mark
    convention (Ủy, Hòa), for matching only.
    """

    source: str
    original: str
    text: str
    match_text: str
    offsets: Sequence[int]  # an OffsetMap (runs), or any sequence of ints
    format: str
    encoding: str

    @cached_property
    def match_lower(self) -> str:
        """``match_text`` in lower case, same length: what case-blind scans read (made once for
        all of them: law names, the places a document names)."""
        return lower_same_length(self.match_text)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "match_lower"}  # made again where needed

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to the span of ``original`` it came from."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        stop = self.offsets[end - 1] + 1
        while stop < len(self.original) and unicodedata.combining(self.original[stop]):
            stop += 1  # decomposed input: the accents of the last letter belong to the span
        return self.offsets[start], stop


@dataclass(frozen=True)
class Place:
    """An administrative unit as named in a document, resolved to the official register."""

    province: str | None = None  # "Hà Tĩnh"
    district: str | None = None  # "thị xã Hồng Lĩnh" (before 2025-07-01 only)
    commune: str | None = None  # "xã Hưng Đạo"
    province_now: str | None = None  # the post-2025 province it belongs to now
    commune_now: str | None = None  # the post-2025 commune-level unit, when known


@dataclass
class Document:
    """Metadata of one document read from a file (or known only because something cites it)."""

    source: str
    type: str | None = None  # "Kế hoạch", "Quyết định", ...
    number: str | None = None  # "191/KH-UBND"; None when the number is blank ("Số: /KH-UBND")
    symbol: str | None = None  # the symbol even when the number is blank: "KH-UBND"
    issuer: str | None = None  # "UBND xã Hưng Đạo", "Ban Thường vụ Thị ủy Đức Phổ"
    branch: str | None = None  # "state" | "party"
    level: str | None = None  # "national" | "province" | "district" | "commune"
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    province_now: str | None = None
    commune_now: str | None = None
    date: str | None = None  # ISO, possibly partial: "2022-06-03", "2022-06", "2022"
    place_name: str | None = None  # the place of the date line: "Hồng Lĩnh"
    title: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    recipients: list[str] = field(default_factory=list)
    sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Citation:
    """One mention of another document, found in ``SourceText.text``.

    ``start``/``end`` index ``SourceText.text``; the output contract maps them to the original with
    :meth:`SourceText.original_span`. Fields after ``text`` are filled by later steps: find fills
    what the words say, resolve fills ``number``/``target``, classify fills ``relation``.
    """

    start: int
    end: int
    text: str  # the mention as it reads in the cleaned text
    form: str  # a Form
    doc_type: str | None = None  # "Nghị định", "Quy định", "Luật" …
    number: str | None = None  # canonical number once resolved: "34/2007/PL-UBTVQH11"
    as_cited_number: str | None = None  # what the text wrote: "34/2007/PL-UBTVQH"
    date: str | None = None  # ISO date the citation states (or an earlier mention of its number)
    date_written: bool = False  # the date stands beside this mention, not taken from an earlier one
    issuer: str | None = None  # the issuer the citation names ("Chính phủ", "UBND tỉnh Hà Tĩnh")
    name: str | None = None  # for laws cited by name: "Luật Tiếp công dân"
    pinpoint: str | None = None  # "khoản 2 Điều 85", "Chương V"
    relation: str = Relation.CITES  # a Relation
    verb: str | None = None  # the governing words: "Thực hiện", "Căn cứ", "theo", "trọng tâm là"
    sentence: tuple[int, int] | None = None  # span of the sentence in SourceText.text
    target: str | None = None  # canonical id of the cited document
    antecedent: int | None = None  # for short forms and aliases: index of the full citation they point to
    in_title_of: int | None = None  # index of the cited document whose title holds this mention
    doubt: str | None = None  # why the number as written is doubted: "year contradicts date"
    subject: str | None = None  # what the citation says the document is about: "Về quy định chi tiết …"
    confidence: float = 1.0
