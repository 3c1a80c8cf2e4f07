"""Readers: one file → :class:`RawText`, by its format. Every failure is a :class:`ReadError`."""

from __future__ import annotations

import copy
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from luocdo.ingest.encodings import decode_text_bytes
from luocdo.ingest.models import RawText, ReadError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused before they are read (override with ``max_bytes``)."""

_MAX_DOCX_UNPACKED = 200 * 1024 * 1024
_MAX_DOCX_XML = 40 * 1024 * 1024  # Word XML parsed into a tree: ~50× its size in memory
_MAX_PDF_PAGES = 3000
_MAX_PDF_CONTENT = 16 * 1024 * 1024  # page content streams, counted per page (a shared stream once a page)
_MAX_TEXT_CHARS = 20_000_000
_MAX_DOCX_MEMBERS = 10_000
_MAX_DOCX_RATIO = 200  # deflate packs Word XML ~10:1; a member packed 200:1 or more is a bomb

# Signatures of formats that end up with the wrong extension, for a useful error message.
_MAGIC = (
    (b"PK\x03\x04", "a zip package (.docx, .xlsx, .zip …)"),
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _sniff(data: bytes) -> str | None:
    """What ``data`` is when its signature says so: "a PDF", "a zip package …"."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text
                   if (unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\t\n\r\f\v")
                   or ch == "\ufffd")
    return controls / max(len(text), 1)


# --- plain text -------------------------------------------------------------------------------

def read_txt(data: bytes, source: str) -> RawText:
    """A plain-text or markdown file, in whatever encoding :mod:`encodings` detects."""
    kind = _sniff(data)
    if kind is not None:
        raise ReadError(source, f"not a text file: the bytes are {kind} (wrong extension?)")
    text, encoding = decode_text_bytes(data, source)  # refuses binary data itself
    return RawText(source, text, "txt", encoding)


# --- .docx ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHARS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Deleted text, properties and field codes are not part of what the reader sees.
_SKIP = {f"{_W}{tag}" for tag in (
    "del", "moveFrom", "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr", "sdtEndPr",
    "instrText", "delText", "delInstrText", "fldData", "footnotePr", "endnotePr",
)} | {f"{_MC}Fallback"}
_NOTES = (f"{_W}footnote", f"{_W}endnote")


def read_docx(data: bytes, source: str) -> RawText:
    """Paragraphs and tables in body order (tracked insertions, content controls and text boxes
    included, deletions left out), then footnotes and endnotes."""
    import docx  # python-docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    _check_docx_package(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _blocks(document.element.body, lines)
        for rel in document.part.rels.values():
            if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
                for note in parse_xml(rel.target_part.blob):
                    if note.tag in _NOTES and note.get(f"{_W}type") in (None, "normal"):  # not separators
                        note_lines: list[str] = []
                        _blocks(note, note_lines)
                        lines.append(" ".join(line.strip() for line in note_lines if line.strip()))
    except ReadError:
        raise
    except ValueError as exc:
        if m := re.search(r"not a Word file, content type is '([^']*)'", str(exc)):  # .docm, .dotx …
            raise ReadError(source, f"not a Word .docx document (main part is {m.group(1)})") from exc
        raise ReadError(source, _one_line(f"damaged .docx: ValueError: {exc}")[:200]) from exc
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise ReadError(source, _one_line(f"damaged .docx: {type(exc).__name__}: {exc}")[:200]) from exc
    return RawText(source, "\n".join(lines), "docx", "docx")


def _blocks(container: Any, lines: list[str]) -> None:
    """Append one line per paragraph under ``container`` (body, table, cell, content control …)."""
    for child in container:
        if child.tag == f"{_W}p":
            _paragraph(child, lines)
        elif child.tag not in _SKIP:
            _blocks(child, lines)


def _paragraph(p: Any, lines: list[str]) -> None:
    parts: list[str] = []
    nested: list[str] = []  # paragraphs of text boxes anchored in this one, after it

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
            elif tag == f"{_W}txbxContent":
                _blocks(child, nested)
            elif tag not in _SKIP:
                walk(child)

    walk(p)
    lines.append("".join(parts))
    lines.extend(nested)


def _check_docx_package(data: bytes, source: str) -> None:
    """Refuse what is not a zip, is cut short, or would unpack to far more than it weighs."""
    if not data.startswith(b"PK"):
        kind = _sniff(data)
        if kind is None:
            try:
                decode_text_bytes(data, source)
            except ReadError:
                pass
            else:
                raise ReadError(source, "not a Word .docx file: it holds plain text (wrong extension?)")
        raise ReadError(source, f"not a Word .docx file: the bytes are {kind or 'of an unknown format'}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_docx_sizes(infos, source)
            _count_unpacked(zf, infos, source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        reason = f"truncated or damaged .docx: zip directory unreadable ({_one_line(exc)})"
        raise ReadError(source, reason) from exc


def _check_docx_sizes(infos: list[zipfile.ZipInfo], source: str) -> None:
    """What the zip directory says (the sizes there are the sender's word: see _count_unpacked)."""
    if "[Content_Types].xml" not in {info.filename for info in infos}:
        raise ReadError(source, "not a Word .docx file: a zip archive without the Office package parts")
    if len(infos) > _MAX_DOCX_MEMBERS:
        raise ReadError(source, f"refused .docx: {len(infos)} zip members (zip bomb?)")
    total = sum(info.file_size for info in infos)
    if total > _MAX_DOCX_UNPACKED:
        raise ReadError(source, f"refused .docx: it would unpack to {total / 2**20:.0f} MB "
                                f"(limit {_MAX_DOCX_UNPACKED / 2**20:.0f} MB; zip bomb?)")
    xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if xml > _MAX_DOCX_XML:
        raise ReadError(source, f"refused .docx: {xml / 2**20:.0f} MB of XML to parse "
                                f"(limit {_MAX_DOCX_XML / 2**20:.0f} MB)")
    for info in infos:
        if info.file_size > 2**20 and info.file_size > _MAX_DOCX_RATIO * max(info.compress_size, 1):
            raise ReadError(source, f"refused .docx: member {info.filename} is packed "
                                    f"{info.file_size // max(info.compress_size, 1)}:1 (zip bomb?)")


def _count_unpacked(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], source: str) -> None:
    """Unpack every member in bounded chunks, counting the bytes it really gives: a zip directory
    that understates a member's size would otherwise be inflated whole in one read."""
    total = xml = 0
    for info in infos:
        claimed = copy.copy(info)
        claimed.file_size = _MAX_DOCX_UNPACKED + 1  # let zipfile read past a size that lies
        with zf.open(claimed) as member:
            size = 0
            while chunk := member.read(1 << 20):
                size += len(chunk)
                if total + size > _MAX_DOCX_UNPACKED or (info.filename.endswith((".xml", ".rels"))
                                                         and xml + size > _MAX_DOCX_XML):
                    raise ReadError(source, f"refused .docx: member {info.filename} unpacks to more "
                                            f"than its zip directory says ({info.file_size} bytes; zip bomb?)"
                                    if size > info.file_size else "refused .docx: it unpacks past the size limit")
        if size != info.file_size:
            raise ReadError(source, f"damaged .docx: member {info.filename} unpacks to {size} bytes, "
                                    f"its zip directory says {info.file_size}")
        total += size
        xml += size if info.filename.endswith((".xml", ".rels")) else 0


# --- .pdf -------------------------------------------------------------------------------------

def read_pdf(data: bytes, source: str) -> RawText:
    """The text layer of every page, pages separated by form feeds; an image-only PDF is an error."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        kind = _sniff(data)
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
        raise ReadError(source, f"encrypted PDF: cannot decrypt ({_one_line(exc)[:120]})") from exc
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise ReadError(source, _one_line(f"damaged PDF: {type(exc).__name__}: {exc}")[:200]) from exc
    text = "\f".join(pages)
    if len(text) > _MAX_TEXT_CHARS:
        raise ReadError(source, f"refused PDF: more than {_MAX_TEXT_CHARS:,} characters of text")
    if not any(ch.isalpha() for ch in text):  # nothing, or page numbers only
        raise ReadError(source, "no text layer: OCR it first")
    if _control_ratio(text) > 0.3:
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


# --- .html ------------------------------------------------------------------------------------

_HTML_HIDDEN = {"script", "style", "noscript", "template", "head", "title", "iframe", "object",
                "svg", "math", "canvas", "select", "button", "-comment", "!doctype"}
_HTML_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read_html(data: bytes, source: str) -> RawText:
    """Visible text of an HTML page, one block element (paragraph, cell, list item) a line."""
    from selectolax.lexbor import LexborHTMLParser

    text, _ = decode_text_bytes(data, source, html=True)
    tree = LexborHTMLParser(text)
    root = tree.body or tree.root
    if root is None:
        return RawText(source, "", "html", "html")
    lines: list[str] = []
    current: list[str] = []
    for kind, value in _html_events(root):
        if kind == "text":
            current.append(value)
        elif current:  # a block boundary ends the line being built
            lines.append(_HTML_SPACE.sub(" ", "".join(current)).strip())
            current = []
    if current:
        lines.append(_HTML_SPACE.sub(" ", "".join(current)).strip())
    return RawText(source, "\n".join(line for line in lines if line), "html", "html")


def _html_events(root: Any) -> Iterator[tuple[str, str]]:
    """("text", …) for visible text and ("break", "") at block edges, in document order.

    Iterative, so a page nested thousands of levels deep cannot exhaust the stack.
    """
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            yield "break", ""
            continue
        if tag == "-text":
            yield "text", node.text_content or ""
            continue
        if tag in _HTML_HIDDEN or tag.startswith("-"):
            continue
        attributes = node.attributes
        if "hidden" in attributes or _DISPLAY_NONE.search(attributes.get("style") or ""):
            continue
        block = tag in _HTML_BLOCK
        if block:
            yield "break", ""
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))


# --- dispatch ---------------------------------------------------------------------------------

READERS: dict[str, Callable[[bytes, str], RawText]] = {
    ".txt": read_txt,
    ".md": read_txt,
    ".text": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}

_CONVERT_FIRST = {".doc", ".rtf", ".odt"}


def read_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> RawText:
    """Read one file by its extension; raises :class:`ReadError` with a one-line reason.

    Only a regular file is read (a pipe, a device or ``/dev/zero`` behind a link is refused at
    once), and never more than ``max_bytes``, whatever its size claims."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if path.is_dir():
        raise ReadError(source, "is a directory, not a file")
    if reader is None:
        hint = "; save it as .docx first" if suffix in _CONVERT_FIRST else ""
        raise ReadError(source, f"unsupported file type '{path.suffix or '(none)'}' "
                                f"(supported: {', '.join(sorted(READERS))}){hint}")
    data = _read_regular(path, max_bytes)
    if not data:
        raise ReadError(source, "empty file (0 bytes)")
    if not data.strip():
        raise ReadError(source, "blank file: only whitespace")
    raw = reader(data, source)
    if not raw.text.strip():
        raise ReadError(source, f"no text in this {raw.format} file")
    return replace(raw, sha256=hashlib.sha256(data).hexdigest())


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (counted while reading)."""
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe must not block the open
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise ReadError(source, "no such file") from exc
        raise ReadError(source, f"cannot read file ({_one_line(exc.strerror or exc)})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(source, f"not a regular file ({kind_of(info.st_mode)})")
        if info.st_size > max_bytes:  # refused before reading; the count below holds when it lies
            limit = f"{info.st_size / 2**20:.0f} MB > {max_bytes / 2**20:.0f} MB limit"
            raise ReadError(source, f"file too large ({limit})")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > max_bytes:
                raise ReadError(source, f"file too large (more than {max_bytes / 2**20:.0f} MB limit)")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(source, f"cannot read file ({_one_line(exc.strerror or exc)})") from exc
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"
