"""Decoding of text files: UTF-8/16, Windows-1258 and the legacy fonts TCVN3 and VNI."""

from __future__ import annotations

import codecs
import random
import time
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib.resources import files

import pytest

from luocdo.ingest.encodings import decode_text_bytes, repair_legacy_font_text
from luocdo.ingest.models import ReadError

from .conftest import CORPUS, SAMPLES, large_corpus

TONES = "\u0300\u0301\u0303\u0309\u0323"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def seeds() -> list[str]:
    return [_nfc(path.read_text(encoding="utf-8")) for path in sorted(SAMPLES.glob("*.txt"))]


@cache
def _reverse_table(name: str) -> dict[str, bytes]:
    """Unicode letter → legacy bytes, read from the shipped table."""
    text = (files("luocdo.data") / "encodings" / f"{name}.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()[1:]]
    return {letter: bytes.fromhex(hexes) for hexes, letter in rows}


def _encode_legacy(text: str, name: str) -> bytes | None:
    """``text`` as a TCVN3 or VNI font stores it, or None if the font cannot write it."""
    table, out = _reverse_table(name), bytearray()
    for ch in text:
        if ch in table:
            out += table[ch]
        elif ch.isascii() or (ord(ch) > 0xFF and len(ch.encode("cp1252", "ignore")) == 1):
            out += ch.encode("cp1252")  # ASCII and Word's punctuation (“ ” – …) stay cp1252
        else:
            return None
    return bytes(out)


def _encode_cp1258(text: str) -> bytes | None:
    """Windows-1258 with every tone as a mark after its base letter (â ă ê ô ơ ư đ precomposed)."""
    out = bytearray()
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in TONES)
        base = _nfc("".join(c for c in decomposed if c not in TONES))
        try:
            out += (ch if not tones else base + tones).encode("cp1258")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _encodable(texts: list[str], encode: Callable[[str], bytes | None]) -> list[str]:
    """Paragraphs with Vietnamese letters that ``encode`` can write."""
    lines = (line for text in texts for line in text.split("\n") if not line.isascii())
    return [line for line in lines if encode(line) is not None]


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_bytes_round_trip(seeds: list[str], name: str) -> None:
    paragraphs = _encodable(seeds, lambda line: _encode_legacy(line, name))
    assert len(paragraphs) >= 100
    document = "\n".join(paragraphs)
    assert decode_text_bytes(_encode_legacy(document, name) or b"", "seeds.txt") == (document, name)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_single_legacy_paragraphs_round_trip(seeds: list[str], name: str) -> None:
    paragraphs = [p for p in _encodable(seeds, lambda line: _encode_legacy(line, name)) if len(p) > 80]
    assert len(paragraphs) >= 50
    for paragraph in paragraphs:
        assert decode_text_bytes(_encode_legacy(paragraph, name) or b"", "p.txt") == (paragraph, name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Uû ban nh©n d©n tØnh Hµ TÜnh ®· ban hµnh QuyÕt ®Þnh", "tcvn3"),
        ("UÛy ban nhaân daân tænh Haø Tónh ñaõ ban haønh Quyeát ñònh", "vni"),
    ],
)
def test_hand_typed_legacy_bytes(typed: str, name: str) -> None:
    expected = "Ủy" if name == "vni" else "Uỷ"
    decoded = decode_text_bytes(typed.encode("cp1252"), "x.txt")
    assert decoded == (f"{expected} ban nhân dân tỉnh Hà Tĩnh đã ban hành Quyết định", name)


def test_windows_1258_round_trip(seeds: list[str]) -> None:
    for seed in seeds:
        document = "\n".join(_encodable([seed], _encode_cp1258))
        text, encoding = decode_text_bytes(_encode_cp1258(document) or b"", "seed.txt")
        assert (text, encoding) == (document, "windows-1258")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_with_bom(seeds: list[str], bom: bytes) -> None:
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    assert decode_text_bytes(bom + seeds[0].encode(codec), "x.txt") == (seeds[0], "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_by_nul_pattern(seeds: list[str], codec: str) -> None:
    assert decode_text_bytes(seeds[1].encode(codec), "x.txt") == (seeds[1], "utf-16")


def test_utf8_with_bom(seeds: list[str]) -> None:
    assert decode_text_bytes(codecs.BOM_UTF8 + seeds[2].encode(), "x.txt") == (seeds[2], "utf-8")


def test_empty_file() -> None:
    assert decode_text_bytes(b"", "empty.txt") == ("", "utf-8")


# --- text already decoded, but typed in a legacy font ---------------------------------------


@pytest.mark.parametrize(
    ("legacy", "expected", "name"),
    [
        ("Uû ban nh©n d©n tØnh", "Uỷ ban nhân dân tỉnh", "tcvn3"),
        ("UÛy ban nhaân daân tænh", "Ủy ban nhân dân tỉnh", "vni"),
        ("QuyÕt ®Þnh sè 12/Q§-UBND", "Quyết định số 12/QĐ-UBND", "tcvn3"),
    ],
)
def test_repair_short_legacy_text(legacy: str, expected: str, name: str) -> None:
    assert repair_legacy_font_text(legacy) == (expected, name)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_repair_whole_legacy_document(seeds: list[str], name: str) -> None:
    document = "\n".join(_encodable(seeds, lambda line: _encode_legacy(line, name)))
    as_typed = (_encode_legacy(document, name) or b"").decode("cp1252")
    assert repair_legacy_font_text(as_typed) == (document, name)
    assert decode_text_bytes(as_typed.encode("utf-8"), "typed.txt") == (document, name)


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_repair_touches_only_the_legacy_lines(seeds: list[str], name: str) -> None:
    """A .docx whose heading was typed in .VnTime or VNI-Times, its body in Unicode."""
    heading = _encodable(seeds, lambda line: _encode_legacy(line, name))[:5]
    typed = [(_encode_legacy(line, name) or b"").decode("cp1252") for line in heading]
    body = seeds[3]
    repaired, encoding = repair_legacy_font_text("\n".join([*typed, body]))
    assert (repaired, encoding) == ("\n".join([*heading, body]), name)


# --- no false repair ------------------------------------------------------------------------


def test_seeds_decode_unchanged() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        data = path.read_bytes()
        assert decode_text_bytes(data, str(path)) == (data.decode("utf-8"), "utf-8")


def test_corpus_decodes_unchanged() -> None:
    """The vendored texts, and the whole corpus where ``LUOCDO_CORPUS`` (or ../shared/corpus) has it."""
    paths = sorted(CORPUS.rglob("*.txt"))
    assert len(paths) >= 70
    whole = large_corpus()
    if whole is not None:
        paths += sorted(whole.rglob("*.txt"))
    for path in paths:
        data = path.read_bytes()
        assert decode_text_bytes(data, str(path)) == (data.decode("utf-8"), "utf-8"), path.name


def test_tcvn3_trace_in_corpus_is_left_alone() -> None:
    """0xAD is TCVN3 "ư"; here it survives as a soft hyphen beside the Unicode "ư" (clean drops it)."""
    path = CORPUS / "johnpa02_tvpl" / "Du-thao-Luat-ve-hoi-do-Quoc-hoi-ban-hanh.txt"
    text, encoding = decode_text_bytes(path.read_bytes(), str(path))
    assert encoding == "utf-8"
    assert "t\u00adư vấn" in text


@pytest.mark.parametrize("form", ["NFD", "upper", "lower"])
def test_unicode_variants_are_not_repaired(seeds: list[str], form: str) -> None:
    for seed in seeds:
        text = unicodedata.normalize("NFD", seed) if form == "NFD" else getattr(seed, form)()
        assert repair_legacy_font_text(text) == (text, None)


def test_symbols_in_unicode_text_are_not_repaired() -> None:
    text = "Nhiệt độ 30°C ± 2, nồng độ 5 µg/l, «đăng ký» ½ mức phạt\n30°C\n«Cà phê»\n× ÷ ²"
    assert repair_legacy_font_text(text) == (text, None)


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        random.Random(1258).randbytes(4096),
        bytes(random.Random(5712).randrange(0x20, 0x100) for _ in range(4096)),
        bytes(random.Random(3).randrange(0x80, 0x100) for _ in range(4096)),
        b"\x00" * 64,
        b"abc\x00def",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00",
        "Le café est très élevé à Paris, où l'on boit.".encode("latin-1"),
    ],
    ids=["random", "random-printable", "random-high", "nuls", "nul-in-text", "png", "french-latin1"],
)
def test_binary_and_unknown_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        decode_text_bytes(data, "blob.txt")
    assert "encoding" in info.value.reason
    assert "\n" not in info.value.reason


def test_legacy_text_that_does_not_convert_names_the_encoding(seeds: list[str]) -> None:
    document = "\n".join(_encodable(seeds, lambda line: _encode_legacy(line, "tcvn3")))
    data = _encode_legacy(document, "tcvn3") or b""
    shifted = bytes(b if b < 0xA1 else 0xA1 + (b - 0xA1 + 7) % 95 for b in data)  # a wrong font table
    with pytest.raises(ReadError) as info:
        decode_text_bytes(shifted, "old.txt")
    assert info.value.reason.startswith("looks like TCVN3 (ABC) text but could not be converted")


# --- HTML -----------------------------------------------------------------------------------

_PHRASE = "Ủy ban nhân dân tỉnh Hà Tĩnh ban hành kế hoạch"


@pytest.mark.parametrize(
    "meta",
    [
        b'<meta charset="windows-1258">',
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
    ],
)
def test_html_meta_charset_windows_1258(meta: bytes) -> None:
    body = _encode_cp1258(_PHRASE) or b""
    page = b"<html><head>" + meta + b"</head><body><p>" + body + b"</p></body></html>"
    text, encoding = decode_text_bytes(page, "page.html", html=True)
    assert encoding == "windows-1258"
    assert _PHRASE in text


def test_html_meta_charset_beats_detection() -> None:
    page = b'<html><head><meta charset="iso-8859-1"></head><body>caf\xe9</body></html>'
    with pytest.raises(ReadError):
        decode_text_bytes(page, "page.txt")  # as plain text: not Vietnamese, refused
    text, encoding = decode_text_bytes(page, "page.html", html=True)
    assert ("café" in text, encoding) == (True, "windows-1252")


def test_html_bom_beats_meta_charset() -> None:
    page = codecs.BOM_UTF8 + f'<meta charset="windows-1258"><p>{_PHRASE}</p>'.encode()
    text, encoding = decode_text_bytes(page, "page.html", html=True)
    assert (_PHRASE in text, encoding) == (True, "utf-8")


def test_html_page_in_vntime_font_is_repaired() -> None:
    body = _encode_legacy(_PHRASE.replace("Ủy", "Uỷ"), "tcvn3") or b""
    page = b'<html><head><meta charset="windows-1252"><style>p{font-family:".VnTime"}</style></head>'
    page += b"<body><p>" + body + b"</p></body></html>"
    text, encoding = decode_text_bytes(page, "p.html", html=True)
    assert (_PHRASE.replace("Ủy", "Uỷ") in text, encoding) == (True, "tcvn3")


# --- speed ----------------------------------------------------------------------------------


def test_large_utf8_file_is_decoded_quickly(seeds: list[str]) -> None:
    data = ("\n".join(seeds) + "\nNhiệt độ 30°C ± 2 µg «x»\n30°C\n").encode() * 500  # about 50 MB
    start = time.perf_counter()
    text, encoding = decode_text_bytes(data, "big.txt")
    assert (encoding, len(text) > 0) == ("utf-8", True)
    assert time.perf_counter() - start < 5
