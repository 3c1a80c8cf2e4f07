"""Readers: one file → :class:`RawText`, by its format. Every failure is a :class:`ReadError`."""

from __future__ import annotations

import copy
import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from luocdo.ingest.encodings import decode_text_bytes
from luocdo.ingest.html_text import read_html
from luocdo.ingest.models import RawText, ReadError
from luocdo.ingest.pdf_text import read_pdf
from luocdo.ingest.raw_checks import one_line, sniff

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused before they are read (override with ``max_bytes``)."""

_MAX_DOCX_UNPACKED = 200 * 1024 * 1024
_MAX_DOCX_XML = 40 * 1024 * 1024  # Word XML parsed into a tree: ~50× its size in memory
_MAX_DOCX_MEMBERS = 10_000
_MAX_DOCX_RATIO = 200  # deflate packs Word XML ~10:1; a member packed 200:1 or more is a bomb

# --- plain text -------------------------------------------------------------------------------

def read_txt(data: bytes, source: str) -> RawText:
    """A plain-text or markdown file, in whatever encoding :mod:`encodings` detects."""
    kind = sniff(data)
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
        raise ReadError(source, one_line(f"damaged .docx: ValueError: {exc}")[:200]) from exc
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise ReadError(source, one_line(f"damaged .docx: {type(exc).__name__}: {exc}")[:200]) from exc
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
        kind = sniff(data)
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
        reason = f"truncated or damaged .docx: zip directory unreadable ({one_line(exc)})"
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
        raise ReadError(source, f"cannot read file ({one_line(exc.strerror or exc)})") from exc
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
        raise ReadError(source, f"cannot read file ({one_line(exc.strerror or exc)})") from exc
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"
