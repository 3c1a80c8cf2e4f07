"""The front of the ingest pipeline: a path → cleaned text and document metadata."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from luocdo.ingest.clean import clean
from luocdo.ingest.metadata import read_metadata
from luocdo.ingest.models import Document, ReadError, SourceText
from luocdo.ingest.readers import READERS, read_file


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
    """Files named, and the readable files under folders named, in a stable order.

    A named path that does not exist is yielded as is, so reading it reports the error.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in READERS and not f.name.startswith(".")
            )
        else:
            yield p
