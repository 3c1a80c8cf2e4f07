"""Write the bad-input corpus into a folder: what a government office's disks hold, at its worst.

    python tests/data/bad/make_bad.py OUT_DIR

Binary cases are generated (not committed); each case says what luocdo must do with it: refuse it
with a one-line reason ("error", with a word the reason contains), or read it ("ok").
"""

from __future__ import annotations

import os
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for tests.docgen

from tests import docgen  # noqa: E402

PLAN = (HERE.parents[2] / "data" / "samples" / "001-ke-hoach-ubnd-xa-hung-dao-binh-gia-lang-son-2025.txt"
        ).read_text(encoding="utf-8")
Case = tuple[Callable[[Path], object], str, str]  # (make it in a folder, "error" | "ok", a word of the reason)


def _w(name: str, data: bytes) -> Callable[[Path], object]:
    return lambda d: (d / name).write_bytes(data)


def _docx(d: Path, name: str, text: str = PLAN[:3000]) -> Path:
    return docgen.make_docx(text, d / name)


def _xml_docx(name: str, body: str) -> Callable[[Path], object]:
    """A .docx whose main part is the given XML (for entity and nesting attacks)."""
    def make(d: Path) -> None:
        source = _docx(d, f".src-{name}")
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(d / name, "w") as zout:
            for item in zin.infolist():
                data = body.encode() if item.filename == "word/document.xml" else zin.read(item)
                zout.writestr(item, data)
        source.unlink()
    return make


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
XXE = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       f'<w:document {_W}><w:body><w:p><w:r><w:t>Kế hoạch &x; số 1/KH-UBND</w:t></w:r></w:p></w:body></w:document>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "hahahahahahahahahaha">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + f']><w:document {_W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
NESTED = (f'<?xml version="1.0"?><w:document {_W}><w:body>' + "<w:tbl><w:tr><w:tc>" * 60
          + "<w:p><w:r><w:t>Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ</w:t></w:r></w:p>"
          + "</w:tc></w:tr></w:tbl>" * 60 + "<w:p/></w:body></w:document>")


def _long_line(d: Path) -> None:
    line = " ".join(PLAN.split())
    (d / "long-line.txt").write_text((line + " ") * (5_000_000 // len(line) + 1), encoding="utf-8")


def _non_utf8_name(d: Path) -> None:
    path = os.path.join(os.fsencode(d), b"k\xe9-hoach-latin1.txt")  # not valid UTF-8
    with open(path, "wb") as f:
        f.write(PLAN.encode())


def _encrypted(d: Path) -> None:
    font = docgen.find_unicode_font()
    plain = docgen.make_pdf(PLAN[:1500], d / ".plain.pdf", font) if font else docgen.make_image_only_pdf(d / ".p.pdf")
    docgen.make_encrypted_pdf(plain, d / "encrypted.pdf")
    plain.unlink()


def _zip_as_docx(d: Path) -> None:
    with zipfile.ZipFile(d / "archive.docx", "w") as zf:
        zf.writestr("hello.txt", "xin chào")


def _mixed(d: Path) -> None:
    legacy = "\nK\xea\u0301 ho\xe1\u0323ch s\xf4\u0301 5\n".encode("cp1258")  # "Kế hoạch số 5", Windows-1258
    (d / "mixed-encodings.txt").write_bytes(PLAN[:800].encode("utf-8") + legacy + PLAN[800:1600].encode("utf-8"))


CASES: dict[str, Case] = {
    "empty.txt": (_w("empty.txt", b""), "error", "empty"),
    "blank.txt": (_w("blank.txt", b" \n\t\r\n   \n"), "error", "blank"),
    "bom-only.txt": (_w("bom-only.txt", b"\xef\xbb\xbf"), "error", "no text"),
    "noise.txt": (lambda d: docgen.random_binary(d / "noise.txt"), "error", "binary"),
    "nul-bytes.txt": (_w("nul-bytes.txt", PLAN[:500].encode().replace(b" ", b"\x00")), "error", ""),
    "control-chars.txt": (_w("control-chars.txt", bytes(random.Random(3).choice(range(1, 9)) for _ in range(3000))),
                          "error", ""),
    "pdf-bytes.txt": (_w("pdf-bytes.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), "error", "PDF"),
    "garbage.md": (lambda d: docgen.random_binary(d / "garbage.md", seed=5), "error", "binary"),
    "empty.md": (_w("empty.md", b""), "error", "empty"),
    "huge-200mb.txt": (lambda d: docgen.sparse_file(d / "huge-200mb.txt", 200 * 2**20), "error", "too large"),
    "truncated.docx": (lambda d: docgen.truncate(_docx(d, ".t.docx"), d / "truncated.docx"), "error", "docx"),
    "bomb.docx": (lambda d: docgen.make_zip_bomb_docx(_docx(d, ".b.docx"), d / "bomb.docx"), "error", "zip bomb"),
    "text.docx": (_w("text.docx", "Số: 12/KH-UBND\nKẾ HOẠCH\n".encode()), "error", "plain text"),
    "archive.docx": (_zip_as_docx, "error", "Office"),
    "empty.docx": (lambda d: docgen.make_docx("", d / "empty.docx"), "error", "text"),
    "xxe.docx": (_xml_docx("xxe.docx", XXE), "ok", ""),
    "laughs.docx": (_xml_docx("laughs.docx", LAUGHS), "error", "amplification"),
    "nested-tables.docx": (_xml_docx("nested-tables.docx", NESTED), "ok", ""),
    "scan.pdf": (lambda d: docgen.make_image_only_pdf(d / "scan.pdf"), "error", "OCR"),
    "encrypted.pdf": (_encrypted, "error", "encrypted"),
    "html-bytes.pdf": (_w("html-bytes.pdf", b"<html><body>Trang web</body></html>"), "error", "PDF"),
    "garbage.pdf": (lambda d: docgen.random_binary(d / "garbage.pdf", seed=9), "error", "PDF"),
    "only-script.html": (_w("only-script.html", b"<html><script>alert(1)</script></html>"), "error", "text"),
    "script.html": (_w("script.html", ("<html><head><script>alert('x')</script><style>p{}</style></head><body><p>"
                                       + PLAN[:2000].replace("\n", "</p><p>") + "</p></body></html>").encode()),
                    "ok", ""),
    "deep.html": (_w("deep.html", ("<div>" * 5000 + "Thực hiện Luật Tiếp công dân" + "</div>" * 5000).encode()),
                  "ok", ""),
    "tcvn3.txt": (_w("tcvn3.txt", "KÕ ho¹ch sè 12/KH-UBND thùc hiÖn d©n chñ ë c¬ së\n".encode("latin-1")), "ok", ""),
    "vni.txt": (_w("vni.txt", "Keá hoaïch soá 12/KH-UBND thöïc hieän daân chuû\n".encode("cp1252")), "ok", ""),
    "utf16-no-bom.txt": (_w("utf16-no-bom.txt", PLAN[:2000].encode("utf-16-le")), "ok", ""),
    "mixed-encodings.txt": (_mixed, "error", "encoding"),
    "long-line.txt": (_long_line, "ok", ""),
    "digits-line.txt": (_w("digits-line.txt", b"1" * 5_000_000), "ok", ""),
    "non-utf8-name": (_non_utf8_name, "ok", ""),
}


def make_all(folder: Path) -> dict[str, Case]:
    """Write every case into ``folder``; the cases, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    for make, _, _ in CASES.values():
        make(folder)
    return CASES


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    make_all(out)
    print(f"{len(CASES)} cases written to {out}")
