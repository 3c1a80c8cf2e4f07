"""Readers: one file → :class:`RawText`, by its format. Every failure is a :class:`ReadError`."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from luocdo.ingest.encodings import decode_text_bytes
from luocdo.ingest.models import RawText, ReadError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused before they are read (override with ``max_bytes``)."""

_MAX_DOCX_UNPACKED = 200 * 1024 * 1024


def read_txt(data: bytes, source: str) -> RawText:
    text, encoding = decode_text_bytes(data, source)
    return RawText(source, text, "txt", encoding)


def read_docx(data: bytes, source: str) -> RawText:
    """Paragraphs and tables in body order, then footnotes."""
    import docx  # python-docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_zip(data, source)
    try:
        doc: DocxDocument = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadError(source, f"not a readable .docx file ({type(exc).__name__})") from exc

    lines: list[str] = []

    def walk_table(table: Table) -> None:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                for block in cell.iter_inner_content():
                    if isinstance(block, Paragraph):
                        lines.append(block.text)
                    else:
                        walk_table(block)

    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            walk_table(block)
    lines.extend(_docx_footnotes(data))
    return RawText(source, "\n".join(lines), "docx", "docx")


def _docx_footnotes(data: bytes) -> list[str]:
    """Footnote texts (python-docx has no footnote API; read word/footnotes.xml)."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/footnotes.xml" not in zf.namelist():
            return []
        root = ElementTree.fromstring(zf.read("word/footnotes.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    notes = []
    for note in root.iter(f"{ns}footnote"):
        if note.get(f"{ns}type") in ("separator", "continuationSeparator"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{ns}t")).strip()
        if text:
            notes.append(text)
    return notes


def _check_zip(data: bytes, source: str) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(source, "not a readable .docx file (not a zip package; truncated or not Word)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if zf.testzip() is not None:
                raise ReadError(source, "not a readable .docx file (damaged zip member)")
    except zipfile.BadZipFile as exc:
        raise ReadError(source, f"not a readable .docx file ({exc})") from exc
    if total > _MAX_DOCX_UNPACKED:
        raise ReadError(source, f"refused: .docx unpacks to {total // 2**20} MB (zip bomb?)")


def read_pdf(data: bytes, source: str) -> RawText:
    """The text layer of every page; an image-only PDF is an error."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(source, "encrypted PDF: remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(source, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not "".join(pages).strip():
        raise ReadError(source, "no text layer: OCR it first")
    return RawText(source, "\f".join(pages), "pdf", "pdf")


def read_html(data: bytes, source: str) -> RawText:
    """Visible text of an HTML page, one block element a line; scripts and styles dropped."""
    from selectolax.parser import HTMLParser

    text, _ = decode_text_bytes(data, source, html=True)
    tree = HTMLParser(text)
    for node in tree.css("script, style, noscript, template, head"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return RawText(source, "", "html", "html")
    return RawText(source, root.text(separator="\n", strip=True), "html", "html")


READERS: dict[str, Callable[[bytes, str], RawText]] = {
    ".txt": read_txt,
    ".md": read_txt,
    ".text": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}


def read_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> RawText:
    """Read one file by its extension; raises :class:`ReadError` with a one-line reason."""
    path = Path(path)
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(source, f"unsupported file type '{path.suffix or '(none)'}' "
                                f"(supported: {', '.join(sorted(READERS))})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(source, f"file too large ({size / 2**20:.0f} MB > {max_bytes / 2**20:.0f} MB limit)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ReadError(source, "empty file")
    raw = reader(data, source)
    if not raw.text.strip():
        raise ReadError(source, "no text in file")
    return raw
