"""Reading a PDF: the text layer of every page, the lines of each paragraph rejoined."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from luocdo.ingest.models import RawText, ReadError
from luocdo.ingest.raw_checks import MAX_TEXT_CHARS, control_ratio, one_line, sniff

_MAX_PDF_PAGES = 3000
_MAX_PDF_CONTENT = 16 * 1024 * 1024  # page content streams, counted per page (a shared stream once a page)


def read_pdf(data: bytes, source: str) -> RawText:
    """The text layer of every page, pages separated by form feeds; an image-only PDF is an error."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        kind = sniff(data)
        raise ReadError(source, f"not a PDF file: the bytes are {kind or 'of an unknown format'}")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # "" opens files locked for editing only
            raise ReadError(source, "encrypted PDF: it needs a password; remove the protection first")
        if len(reader.pages) == 0:
            raise ReadError(source, "PDF without pages")
        _check_pdf_size(reader, source)
        pages = [_page_text(page) for page in reader.pages]
    except ReadError:
        raise
    except (DependencyError, FileNotDecryptedError) as exc:
        raise ReadError(source, f"encrypted PDF: cannot decrypt ({one_line(exc)[:120]})") from exc
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise ReadError(source, one_line(f"damaged PDF: {type(exc).__name__}: {exc}")[:200]) from exc
    text = "\f".join(pages)
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(source, f"refused PDF: more than {MAX_TEXT_CHARS:,} characters of text")
    if not any(ch.isalpha() for ch in text):  # nothing, or page numbers only
        raise ReadError(source, "no text layer: OCR it first")
    if control_ratio(text) > 0.3:
        raise ReadError(source, "unreadable text layer (fonts without a Unicode map): OCR it first")
    return RawText(source, text, "pdf", "pdf")


def _check_pdf_size(reader: Any, source: str) -> None:
    """Refuse a PDF whose pages would take too long to read: too many, or content streams too
    large in all (pages that share one stream each count it: each is read again)."""
    if len(reader.pages) > _MAX_PDF_PAGES:
        raise ReadError(source, f"refused PDF: {len(reader.pages)} pages (limit {_MAX_PDF_PAGES})")
    total = 0
    for page in reader.pages:
        contents = page.get_contents()
        total += len(contents.get_data()) if contents is not None else 0
        if total > _MAX_PDF_CONTENT:
            raise ReadError(source, f"refused PDF: its pages hold more than {_MAX_PDF_CONTENT / 2**20:.0f} MB "
                                    "of drawing instructions (a page bomb?)")


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float


_LIST_START = re.compile(r"\s*(?:[-+•–*]|[a-zđ]\)|\d{1,3}[.)]|[IVXLC]{1,6}[.\-]|Điều \d+\.)", re.IGNORECASE)
# A hyphen glued to a word at the end of a line is a code cut in two ("NĐ-" ⏎ "CP"): the clean-up
# rejoins those without a space, so they keep their line break here.
_HARD_LINE_END = re.compile(r"(?:[.;:!?]|\w-)$")
# Shorter lines are table cells, headings or last lines, even on a page of nothing but those.
_MIN_WRAPPED_CHARS = 40


def _page_text(page: Any) -> str:
    """The page's text with the lines of each paragraph rejoined (see :func:`_reflow`)."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        chunks.append((text, x, y, size * (abs(tm[3] * cm[3]) or 1.0)))

    text: str = page.extract_text(visitor_text=visit) or ""
    if "".join(chunk[0] for chunk in chunks) != text:  # the visitor missed something: no geometry
        return text.replace("\0", "")
    lines: list[_Line] = []
    current: _Line | None = None
    for piece, x, y, size in chunks:
        for n, part in enumerate(piece.split("\n")):
            if n or current is None:
                current = _Line("", x, y, size)
                lines.append(current)
            if part and not current.text.strip():
                current.x, current.y, current.size = x, y, size
            current.text += part
    # Text layers often carry NULs for glyphs without a Unicode mapping.
    return _reflow([line for line in lines if line.text.strip()]).replace("\0", "")


def _reflow(lines: list[_Line]) -> str:
    """Join the lines that a PDF wrapped inside one paragraph with a space.

    A PDF only has lines. A line continues the previous one when it sits at the usual line
    distance below it, starts at the body's left edge (not indented or centred), in the same font
    size, and the previous line is nearly as long as the longest and does not end like a
    sentence, a list item or a hyphenated code; everything else stays on its own line.
    """
    if len(lines) < 2:
        return "\n".join(line.text for line in lines)
    left = Counter(round(line.x) for line in lines).most_common(1)[0][0]
    steps: dict[int, list[float]] = {}
    lengths: dict[int, list[int]] = {}
    for prev, line in pairwise(lines):
        if round(prev.size) == round(line.size) and prev.y > line.y:
            steps.setdefault(round(line.size), []).append(prev.y - line.y)
    for line in lines:
        lengths.setdefault(round(line.size), []).append(len(line.text.strip()))
    leading = {size: sorted(found)[len(found) // 4] for size, found in steps.items()}
    full = {size: sorted(found)[len(found) * 9 // 10] for size, found in lengths.items()}
    out = [lines[0].text]
    for prev, line in pairwise(lines):
        size = round(line.size)
        tail = prev.text.rstrip()
        joins = (
            round(prev.size) == size
            and size in leading
            and 0 < prev.y - line.y <= leading[size] * 1.1
            and abs(line.x - left) <= 2
            and len(tail) >= max(_MIN_WRAPPED_CHARS, 0.7 * full[size])
            and not _HARD_LINE_END.search(tail)
            and not _LIST_START.match(line.text)
        )
        out.append(" " if joins else "\n")
        out.append(line.text)
    return "".join(out)
