"""The front of the ingest pipeline: a path → cleaned text and document metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luocdo.ingest.classify import classify
from luocdo.ingest.clean import clean
from luocdo.ingest.find import find_citations
from luocdo.ingest.inputs import input_files
from luocdo.ingest.metadata import read_metadata
from luocdo.ingest.models import Citation, Document, ReadError, SourceText
from luocdo.ingest.readers import read_file
from luocdo.ingest.resolve import in_series, resolve
from luocdo.ingest.validity import Validity, find_validity


@dataclass(frozen=True)
class ReadDocument:
    """One file, read: its text and what it says about itself."""

    text: SourceText
    document: Document


def read_document(path: str | Path) -> ReadDocument:
    """Read, clean and describe one file; raises :class:`ReadError` on bad input."""
    raw = read_file(path)
    text = clean(raw)
    if not text.text:
        raise ReadError(raw.source, "no text in file after clean-up")
    return ReadDocument(text, read_metadata(text, sha256=raw.sha256 or None))


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the regular document files under folders named, in a stable order (see
    :func:`luocdo.ingest.inputs.input_files` for what is skipped, and why)."""
    yield from input_files(paths).files


@dataclass(frozen=True)
class Extraction:
    """One file, read, with every citation found, resolved and classified."""

    text: SourceText
    document: Document
    citations: list[Citation]
    validity: Validity | None = None

    def to_json(self) -> dict[str, Any]:
        """The output contract of ``luocdo extract --json``; offsets index the original text."""
        d = self.document
        return {
            "source": d.source,
            "document": {k: getattr(d, k) for k in ("type", "number", "issuer", "level", "province",
                                                    "date", "title")},
            "citations": [self._citation_json(c) for c in self.citations],
            "validity": self._validity_json(),
        }

    def _validity_json(self) -> dict[str, Any]:
        v = self.validity or Validity()
        return {"effective_from": v.effective_from, "effective_to": v.effective_to,
                "acts": [{"relation": a.relation, "scope": a.scope, "target": a.target,
                          "number": a.number, "pinpoint": a.pinpoint, "since": a.since,
                          **self._span_json(a.start, a.end)} for a in v.acts],
                "stated": [{"relation": f.relation, "source": f.source,
                            "source_number": f.source_number, "target": f.target,
                            "target_number": f.target_number, **self._span_json(f.start, f.end)}
                           for f in v.stated]}

    def _span_json(self, start: int, end: int) -> dict[str, Any]:
        s, e = self.text.original_span(start, end)
        return {"start": s, "end": e, "text": self.text.original[s:e]}

    def _citation_json(self, c: Citation) -> dict[str, Any]:
        start, end = self.text.original_span(c.start, c.end)
        return {"start": start, "end": end, "text": self.text.original[start:end], "form": c.form,
                "doc_type": c.doc_type, "number": c.number, "date": c.date, "issuer": c.issuer,
                "relation": c.relation, "target": c.target, "pinpoint": c.pinpoint, "verb": c.verb,
                "as_cited_number": c.as_cited_number, "name": c.name,
                # A law named inside another cited act's title: the index, in this list, of that act.
                "in_title_of": c.in_title_of,
                # Why the number as written is doubted ("year contradicts date"), if it is.
                "doubt": c.doubt,
                # What the citation says the document is about ("Về quy định chi tiết …"), if it says.
                "subject": c.subject}


def extract(path: str | Path) -> Extraction:
    """Read one file and extract its citations: find → resolve → classify."""
    read = read_document(path)
    return extract_from(read.text, read.document)


def extract_from(text: SourceText, document: Document) -> Extraction:
    """Citations of an already-read text."""
    is_self = _naming_itself(document)
    citations = [c for c in find_citations(text) if not is_self(c)]
    resolve(text, document, citations)
    citations = _without(citations, lambda c: bool(document.number) and c.number == document.number)
    classify(text, citations)
    return Extraction(text, document, citations, find_validity(text, document, citations))


def _naming_itself(document: Document) -> Callable[[Citation], bool]:
    """Whether a citation is the document naming itself: its own number ("Kèm theo Kế hoạch số
    980/KH-UBND …" in its own appendix, "Số: 12 /2024/…" spaced, "…/QĐ-CTUBND" for "…/QĐ-UBND":
    one series) or its own title heading ("LUẬT GIAO DỊCH ĐIỆN TỬ"). The document's side is
    squeezed once, not once per citation."""
    number = in_series(_squeezed(document.number or ""))
    name = _squeezed(f"{document.type or ''} {document.title or ''}").casefold() if document.title else None

    def is_self(c: Citation) -> bool:
        if number and in_series(_squeezed(c.as_cited_number or "")) == number:
            return True
        return name is not None and len(c.text) <= 2 * len(name) + 8 and _squeezed(c.text).casefold() == name

    return is_self


def _squeezed(s: str) -> str:
    return "".join(s.split())


def _without(citations: list[Citation], drop: Callable[[Citation], bool]) -> list[Citation]:
    """``citations`` less those ``drop`` picks, with ``antecedent`` indexes kept right."""
    new_index: dict[int, int] = {}
    kept: list[Citation] = []
    for i, c in enumerate(citations):
        if not drop(c):
            new_index[i] = len(kept)
            kept.append(c)
    for c in kept:
        if c.antecedent is not None:
            c.antecedent = new_index.get(c.antecedent)
    return kept
