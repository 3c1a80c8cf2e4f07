"""Real test documents built from a seed's plain text: .docx, .pdf, .html, and broken files.

A seed is the markdown-ish text of a Vietnamese plan. The builders turn it into what such a
document looks like in each format: emphasis becomes bold/italic runs, ``###`` lines become
headings, the "Số: …" line and the date line share a two-column table, the recipients and the
signature share another (.docx), and a footnote marker ("cơ sở¹") with its note ("¹ Trọng tâm
là: …") becomes a real Word footnote.
"""

from __future__ import annotations

import html
import io
import random
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUE = {ch: str(i) for i, ch in enumerate(SUPERSCRIPT_DIGITS)}
FOOTNOTE_LINE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)[ ]+(\S.*)$")
_FOOTNOTE_REF = re.compile(rf"(?<=\w)([{SUPERSCRIPT_DIGITS}]+)")
_HEADING = re.compile(r"^(#{1,6})[ ]+(.*)$")
_EMPHASIS = re.compile(r"\*{1,3}")
_NUMBER_LINE = re.compile(r"^\**Số:")
_DATE_LINE = re.compile(r"^[^,\n]{2,40}, ngày .*năm \d{4}\**$")
_RECIPIENTS = re.compile(r"^\**Nơi nhận:?\**:?$")

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
               "BI": "DejaVuSans-BoldOblique.ttf"}


# --- the seed as blocks ------------------------------------------------------------------------

@dataclass
class Para:
    text: str  # still with markdown emphasis and footnote markers
    heading: int = 0
    note: str | None = None  # the number, when this paragraph is a footnote's text


@dataclass
class TwoColumns:
    """A borderless one-row table: header block or recipients + signature."""

    left: list[str]
    right: list[str]


@dataclass
class Seed:
    blocks: list[Para | TwoColumns] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # "1" → note text


def parse_seed(text: str) -> Seed:
    """Split a seed into paragraphs (one per non-empty line), tables and footnotes."""
    lines = [line.rstrip() for line in text.splitlines()]
    nonblank = [line for line in lines if line.strip()]
    seed = Seed()
    i = 0
    while i < len(nonblank):
        line = nonblank[i]
        if m := FOOTNOTE_LINE.match(line):
            number = _superscript_value(m.group(1))
            seed.footnotes[number] = m.group(2)
            seed.blocks.append(Para(line, note=number))
        elif _NUMBER_LINE.match(line) and i + 1 < len(nonblank) and _DATE_LINE.match(nonblank[i + 1]):
            seed.blocks.append(TwoColumns([line], [nonblank[i + 1]]))
            i += 1
        elif _RECIPIENTS.match(line):
            left = [line]
            while i + 1 < len(nonblank) and nonblank[i + 1].lstrip().startswith("-"):
                i += 1
                left.append(nonblank[i])
            seed.blocks.append(TwoColumns(left, nonblank[i + 1:]))
            break
        elif m := _HEADING.match(line):
            seed.blocks.append(Para(m.group(2), heading=len(m.group(1))))
        else:
            seed.blocks.append(Para(line))
        i += 1
    return seed


def _superscript_value(marker: str) -> str:
    return "".join(_SUPERSCRIPT_VALUE[ch] for ch in marker)


@dataclass
class Run:
    text: str
    bold: bool
    italic: bool
    footnote: str | None = None  # a footnote reference instead of text


class _Emphasis:
    """Markdown ``*``/``**``/``***`` toggles; the state carries over line ends, as in the seeds."""

    def __init__(self) -> None:
        self.bold = False
        self.italic = False

    def runs(self, text: str, footnotes: dict[str, str]) -> list[Run]:
        runs: list[Run] = []
        last = 0
        for m in _EMPHASIS.finditer(text):
            runs.extend(self._with_footnotes(text[last:m.start()], footnotes))
            stars = len(m.group())
            self.italic ^= stars in (1, 3)
            self.bold ^= stars in (2, 3)
            last = m.end()
        runs.extend(self._with_footnotes(text[last:], footnotes))
        return [run for run in runs if run.text or run.footnote]

    def _with_footnotes(self, text: str, footnotes: dict[str, str]) -> list[Run]:
        runs: list[Run] = []
        last = 0
        for m in _FOOTNOTE_REF.finditer(text):
            number = _superscript_value(m.group(1))
            if number in footnotes:
                runs.append(Run(text[last:m.start()], self.bold, self.italic))
                runs.append(Run("", self.bold, self.italic, footnote=number))
                last = m.end()
        runs.append(Run(text[last:], self.bold, self.italic))
        return runs


# --- .docx -------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(text: str, path: Path) -> Path:
    """Write ``text`` as a Word document with tables and real footnotes."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    seed = parse_seed(text)
    document = docx.Document()
    emphasis = _Emphasis()
    used: list[str] = []
    referenced = {_superscript_value(marker) for block in seed.blocks
                  if isinstance(block, Para) and block.note is None
                  for marker in _FOOTNOTE_REF.findall(block.text)}

    def fill(paragraph: Paragraph, line: str) -> None:
        for run in emphasis.runs(line, seed.footnotes):
            r = paragraph.add_run(run.text)
            r.bold, r.italic = run.bold or None, run.italic or None
            if run.footnote is not None:
                r.font.superscript = True
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), run.footnote)
                r._r.append(ref)
                used.append(run.footnote)

    for block in seed.blocks:
        if isinstance(block, Para) and block.note in referenced:
            continue  # goes to word/footnotes.xml
        if isinstance(block, Para):
            style = f"Heading {block.heading}" if block.heading else None
            fill(document.add_paragraph(style=style), block.text)
            continue
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (block.left, block.right), strict=True):
            for n, line in enumerate(lines):
                fill(cell.paragraphs[0] if n == 0 else cell.add_paragraph(), line)
    if used:
        _add_footnotes_part(document, {number: seed.footnotes[number] for number in used})
    document.save(str(path))
    return path


def _add_footnotes_part(document: DocxDocument, notes: dict[str, str]) -> None:
    """python-docx has no footnote API: write word/footnotes.xml and relate it to the body."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:footnote w:id="{number}"><w:p>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {html.escape(note, quote=False)}</w:t></w:r>'
        "</w:p></w:footnote>"
        for number, note in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        f"{body}</w:footnotes>"
    )
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(), package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


# --- .pdf --------------------------------------------------------------------------------------

def find_unicode_font() -> dict[str, Path] | None:
    """DejaVu Sans (it covers Vietnamese) by style, or None when the machine has no copy."""
    for folder in _FONT_DIRS:
        if (folder / _FONT_FILES[""]).is_file():
            return {style: folder / name if (folder / name).is_file() else folder / _FONT_FILES[""]
                    for style, name in _FONT_FILES.items()}
    return None


def make_pdf(text: str, path: Path, font: dict[str, Path]) -> Path:
    """Write ``text`` as an A4 PDF with a text layer, justified paragraphs and page numbers."""
    from fpdf import FPDF

    class NumberedPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Doc", "", 9)
            self.cell(0, 6, str(self.page_no()), align="C")

    pdf = NumberedPdf(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    for style, file in font.items():
        pdf.add_font("Doc", style, str(file))
    pdf.add_page()
    seed = parse_seed(text)
    emphasis = _Emphasis()

    def markdown(line: str) -> str:
        # fpdf2's own markdown wraps lines at spaces only, never at a change of style.
        # Footnote markers stay literal ("¹"): a PDF has no footnote objects.
        out = []
        for run in emphasis.runs(line, {}):
            piece = run.text.replace("\\", "\\\\")
            for marker in pdf.MARKDOWN_MARKERS:
                piece = piece.replace(marker, "\\" + marker)
            if run.italic:
                piece = f"__{piece}__"
            if run.bold:
                piece = f"**{piece}**"
            out.append(piece)
        return "".join(out)

    def paragraph(line: str, width: float, size: float, new_x: str) -> None:
        pdf.set_font("Doc", "", size)
        pdf.multi_cell(width, size * 0.5, markdown(line), markdown=True, align="J", new_x=new_x, new_y="NEXT")

    for block in seed.blocks:
        if isinstance(block, TwoColumns):
            half = pdf.epw / 2
            top = pdf.get_y()
            for n, lines in enumerate((block.left, block.right)):
                pdf.set_xy(pdf.l_margin + n * half, top)
                for line in lines:
                    pdf.set_x(pdf.l_margin + n * half)
                    paragraph(line, half, 11, new_x="LEFT")
            pdf.ln(3)
        else:
            paragraph(block.text, 0, 9 if block.note else 14 if block.heading else 12, new_x="LMARGIN")
            pdf.ln(2)
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A scanned-looking page: an image and drawn shapes, no text at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 18):  # grey bars where the lines of a scanned page would be
        draw.rectangle((40, y, 360 - (y * 7) % 90, y + 8), fill=70)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=20, y=20, w=170)
    pdf.rect(15, 15, 180, 250)
    pdf.ellipse(150, 240, 30, 30)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(source: Path, path: Path, password: str = "mật-khẩu") -> Path:
    """``source`` with a user password, or locked for editing only when ``password`` is empty.

    RC4, because pypdf needs no extra crypto package for it.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


# --- .html -------------------------------------------------------------------------------------

HTML_SCRIPT = "var leak = 'Quyết định số 99/QĐ-SCRIPT'; if (a < b && c) { alert(leak); }"
HTML_STYLE = "p.leak::before { content: 'Nghị định số 88/NĐ-STYLE'; } body { margin: 0 }"


def make_html(text: str, path: Path) -> Path:
    """Write ``text`` as a web page: inline markup, entities, a table, plus script/style/comments."""
    seed = parse_seed(text)
    emphasis = _Emphasis()

    def inline(line: str) -> str:
        out = []
        for run in emphasis.runs(line, {}):
            piece = _entities(run.text)
            if run.bold:
                piece = f"<strong>{piece}</strong>"
            if run.italic:
                piece = f"<em>{piece}</em>"
            out.append(piece)
        return "".join(out)

    body: list[str] = []
    for block in seed.blocks:
        if isinstance(block, TwoColumns):
            cells = ["<br>\n".join(inline(line) for line in lines) for lines in (block.left, block.right)]
            body.append(f'<table class="header"><tr><td>{cells[0]}</td>\n<td>{cells[1]}</td></tr></table>')
        elif block.heading:
            body.append(f"<h{block.heading}>{inline(block.text)}</h{block.heading}>")
        else:
            body.append(f"<p>\n  {inline(block.text)}\n</p>")
        if len(body) == 3:
            body.append(f"<script>{HTML_SCRIPT}</script><!-- Số: 77/KH-COMMENT -->")
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>Văn bản 55/TB-TITLE</title><style>{HTML_STYLE}</style>"
        f"<script>{HTML_SCRIPT}</script></head>\n<body>\n<noscript>Bật JavaScript</noscript>\n"
        + "\n".join(body)
        + '\n<div hidden>Ẩn: 66/QĐ-HIDDEN</div>\n<template><p>Mẫu 44/QĐ-TEMPLATE</p></template>\n'
        "</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _entities(text: str) -> str:
    """Escape markup and write a few characters as entities, the way CMS pages do."""
    text = html.escape(text, quote=False)
    return text.replace("Đ", "&#272;").replace("ủ", "&#x1ee7;").replace("“", "&ldquo;").replace(
        "”", "&rdquo;").replace("Số: ", "Số:&nbsp;")


# --- broken files ------------------------------------------------------------------------------

def truncate(source: Path, path: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` of ``source``: an interrupted download or copy."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def make_zip_bomb_docx(source: Path, path: Path, declared: int = 3 * 2**30) -> Path:
    """``source`` plus a tiny member whose headers declare ``declared`` bytes unpacked."""
    name = "word/media/image1.bin"
    buffer = io.BytesIO(source.read_bytes())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, b"\0" * 1024)
    data = bytearray(buffer.getvalue())
    encoded = name.encode()
    # (signature, offset of the uncompressed size, of the name length, of the name): local
    # file header and central directory entry.
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at != -1:
            (length,) = struct.unpack_from("<H", data, at + length_at)
            if data[at + name_at: at + name_at + length] == encoded:
                struct.pack_into("<I", data, at + size_at, declared)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def random_binary(path: Path, size: int = 4096, seed: int = 0) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space."""
    with path.open("wb") as f:
        f.truncate(size)
    return path
