"""Decoding of text files as Vietnamese offices have them.

UTF-8 and UTF-16 first; otherwise Windows-1258 or the legacy font encodings TCVN3 (ABC,
``.VnTime``) and VNI (``VNI-Times``), whichever turns most accented words into common Vietnamese
syllables. Unicode text typed in a legacy font ("Uû ban nh©n d©n") is repaired line by line.
The character tables and the syllable list are in ``luocdo.data/encodings`` (see its README).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from importlib.resources import files
from itertools import islice

from luocdo.ingest.models import ReadError

__all__ = ["LegacyFontError", "decode_text_bytes", "repair_legacy_font_text"]

LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
_UNKNOWN = "unknown text encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)"
_SAMPLE = 256 * 1024  # bytes or characters looked at to choose an encoding
_MIN_RATIO = 0.6  # share of accented words that must be common syllables to accept a decoding
_MIN_GAIN = 2  # common syllables a repair must add to the text as it was
_SIGNATURE = 20  # legacy-looking letter pairs needed before a failed conversion is an error

# Letters (and NFD marks) only Unicode Vietnamese has: text typed in a legacy font never does.
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9"
    "\u0300-\u0303\u0306\u0309\u031b\u0323]"
)
# Latin-1 characters Unicode Vietnamese does not need, where the legacy fonts put letters.
_SIGNAL = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
# The same letters one by one: a search for each, vectorised in C, tells a text holds none of
# them faster than one scan with the class (the answer for almost every text).
_SIGNAL_LETTERS = tuple(chr(c) for c in range(0xA1, 0x100) if _SIGNAL.match(chr(c)))
# A legacy letter glued to a Latin one ("nh©n", "t¹i"; VNI "nhöõng", "ñöôïc").
_LOOKS_LEGACY = {
    "tcvn3": re.compile("[A-Za-z][\u00a1-\u00bf]"),
    "vni": re.compile("[A-Za-z\u00d4\u00d6\u00f4\u00f6][\u00cf\u00d8\u00db\u00ef\u00f8\u00fb]"),
}
_NOT_LATIN_TEXT = re.compile(r"[^A-Za-z\s]")
_WORD = re.compile(r"[^\W\d_]+")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_CONTROLS = bytes(c for c in range(1, 32) if chr(c) not in "\t\n\r\f\v\x1a\x1b")
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROLS.decode("ascii")) + "]")
_SINGLE_BYTE_LATIN = {"ascii", "latin-1", "iso8859-1", "cp1252"}
# Bytes as Windows shows them in an 8-bit font: cp1252, its five undefined bytes as Latin-1.
_CP1252_VIEW = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
_CP1252_VIEW_ENCODING = codecs.charmap_build(_CP1252_VIEW)


class LegacyFontError(ValueError):
    """Text looks like TCVN3 or VNI but does not convert to Vietnamese with confidence."""

    def __init__(self, encoding: str, detail: str) -> None:
        super().__init__(f"looks like {LEGACY_NAMES[encoding]} text but could not be converted: {detail}")
        self.encoding = encoding


class _UnknownEncoding(ValueError):
    pass


def decode_text_bytes(data: bytes, source: str, html: bool = False) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding name)`` or raises ReadError."""
    try:
        text, encoding = _decode(data, html)
        if encoding in LEGACY_NAMES:
            return text, encoding
        repaired, legacy = repair_legacy_font_text(text)
    except (LegacyFontError, _UnknownEncoding) as exc:
        raise ReadError(source, str(exc)) from exc
    return repaired, legacy or encoding


def repair_legacy_font_text(text: str) -> tuple[str, str | None]:
    """Convert lines typed in a TCVN3 or VNI font back to Vietnamese Unicode.

    Returns ``(text, "tcvn3" | "vni")``, or ``(text, None)`` unchanged when no legacy font is
    found. Lines holding any Unicode-only Vietnamese letter are never touched. Raises
    :class:`LegacyFontError` when much of the text looks legacy but does not convert.
    """
    if not any(letter in text for letter in _SIGNAL_LETTERS):
        return text, None
    sample = [line for line in text[:_SAMPLE].split("\n") if _candidate(line) and _SIGNAL.search(line)]
    encoding = _detect_in_lines(sample)
    if encoding is None:
        return text, None
    # with no Unicode Vietnamese anywhere, every line is legacy and a tie goes to conversion
    mixed = _UNICODE_ONLY.search(text) is not None
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _candidate(line):
            converted = _convert(line, encoding)
            if _improves(line, converted, mixed):
                lines[i], changed = converted, True
    return ("\n".join(lines), encoding) if changed else (text, None)


def _decode(data: bytes, html: bool) -> tuple[str, str]:
    decoded = _decode_bom(data) or (_decode_declared(data) if html else None) or _decode_utf16(data)
    if decoded is not None:
        return _refuse_controls(decoded[0]), decoded[1]
    if b"\x00" in data:
        raise _UnknownEncoding(f"{_UNKNOWN}: binary data (NUL bytes)")
    _refuse_control_bytes(data[:_SAMPLE])
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_8bit(data)


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[3:].decode("utf-8"), "utf-8"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        pass  # only looked like a BOM: the other rules decide
    return None


def _decode_declared(data: bytes) -> tuple[str, str] | None:
    """Decode with the ``<meta charset>`` of an HTML page, if it names a codec that fits."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    if codec != "utf-8" and not data.isascii() and _decodes(data, "utf-8"):
        return None  # a UTF-8 page with a wrong header: trust the bytes
    if codec == "cp1258":
        return unicodedata.normalize("NFC", text), "windows-1258"
    if codec in _SINGLE_BYTE_LATIN:
        return _cp1252_view(data), "windows-1252"
    return text, codec


def _decode_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: ASCII-heavy text leaves a NUL in every other byte."""
    half = min(len(data), 4096) // 2
    if half < 8:
        return None
    even, odd = data[0 : 2 * half : 2].count(0), data[1 : 2 * half : 2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * half and others <= 0.05 * half:
            try:
                return data[: len(data) // 2 * 2].decode(codec), "utf-16"
            except UnicodeDecodeError:
                return None
    return None


def _refuse_controls(text: str) -> str:
    sample = text[:_SAMPLE]
    limit = 0.01 * len(sample) + 1
    # one scan for all the control characters, counted only as far as the limit
    if "\x00" in sample or sum(1 for _ in islice(_CONTROL_CHARS.finditer(sample), int(limit) + 1)) > limit:
        raise _UnknownEncoding(f"{_UNKNOWN}: binary data (control characters)")
    return text


def _refuse_control_bytes(sample: bytes) -> None:
    """:func:`_refuse_controls` of the bytes read as Latin-1 (one character a byte), counted in C."""
    if len(sample) - len(sample.translate(None, _CONTROLS)) > 0.01 * len(sample) + 1:
        raise _UnknownEncoding(f"{_UNKNOWN}: binary data (control characters)")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """Not UTF-8: the 8-bit decoding whose accented words are Vietnamese, or an error."""
    sample = data[:_SAMPLE]
    ratios = {
        "windows-1258": _ratio(unicodedata.normalize("NFC", sample.decode("cp1258", "replace"))),
        "tcvn3": _ratio(_convert_bytes(sample, "tcvn3")),
        "vni": _ratio(_convert_bytes(sample, "vni")),
    }
    best = max(ratios, key=lambda name: ratios[name])
    if ratios[best] >= _MIN_RATIO and best != "windows-1258":
        return _convert_bytes(data, best), best
    if ratios[best] >= _MIN_RATIO and _decodes(data, "cp1258"):
        return unicodedata.normalize("NFC", data.decode("cp1258")), best
    _raise_if_looks_legacy(_cp1252_view(sample), ratios)
    raise _UnknownEncoding(_UNKNOWN)


def _detect_in_lines(lines: list[str]) -> str | None:
    """The legacy encoding that turns these lines into Vietnamese, if any."""
    if not lines:
        return None
    joined = "\n".join(lines)
    before = _hits(joined)
    converted = {encoding: _convert(joined, encoding) for encoding in LEGACY_NAMES}
    ratios = {encoding: _ratio(text) for encoding, text in converted.items()}
    fitting = [
        e for e, text in converted.items() if _hits(text) - before >= _MIN_GAIN and ratios[e] >= _MIN_RATIO
    ]
    if fitting:
        return max(fitting, key=lambda encoding: ratios[encoding])
    _raise_if_looks_legacy(joined, ratios)
    return None


def _raise_if_looks_legacy(text: str, ratios: dict[str, float]) -> None:
    if len(_NOT_LATIN_TEXT.sub("", text)) < 0.5 * len(text):
        return  # too few plain letters to be text in a legacy font
    for encoding, pattern in _LOOKS_LEGACY.items():
        found = len(pattern.findall(text))
        if found >= _SIGNATURE and found >= 0.02 * len(text):
            share = round(100 * ratios[encoding])
            raise LegacyFontError(encoding, f"only {share}% of its accented words are Vietnamese")


def _candidate(line: str) -> bool:
    return not line.isascii() and not _UNICODE_ONLY.search(line)


def _improves(line: str, converted: str, mixed: bool) -> bool:
    """In a legacy document: convert a line unless that makes it less Vietnamese."""
    if converted == line or _foreign(converted) > _foreign(line):
        return False
    gain = _hits(converted) - _hits(line)
    return gain > 0 or (gain == 0 and (not mixed or _SIGNAL.search(line) is not None))


def _foreign(text: str) -> int:
    """Non-ASCII characters that are no Vietnamese letter (a wrong conversion leaves more)."""
    return len(_not_vietnamese().findall(text))


def _accented_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if not word.isascii()]


def _hits(text: str) -> int:
    syllables = _syllables()
    return sum(word in syllables for word in _accented_words(text))


def _ratio(text: str) -> float:
    words = _accented_words(text)
    return _hits(text) / len(words) if words else 0.0


def _cp1252_view(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252_VIEW)[0]


def _convert(text: str, encoding: str) -> str:
    """Legacy code points (cp1252 as Word shows a legacy font) → Unicode."""
    try:
        data = codecs.charmap_encode(text, "strict", _CP1252_VIEW_ENCODING)[0]
    except UnicodeEncodeError:  # other characters too: keep them, map the rest
        return unicodedata.normalize("NFC", text.translate(_translation(encoding)))
    return _convert_bytes(data, encoding)


def _convert_bytes(data: bytes, encoding: str) -> str:
    return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", _byte_table(encoding))[0])


@cache
def _byte_table(encoding: str) -> dict[int, str]:
    translation = _translation(encoding)
    return {b: translation.get(ord(ch), ch) for b, ch in enumerate(_CP1252_VIEW)}


@cache
def _translation(encoding: str) -> dict[int, str]:
    """Legacy code point → Unicode; a VNI tone or shape byte → combining marks (NFC composes)."""
    table: dict[int, str] = {}
    for legacy, letter in _read_table(encoding):
        if len(legacy) == 1:
            table[ord(legacy)] = letter
            continue
        base, mark = legacy[0], legacy[1]
        base_nfd = unicodedata.normalize("NFD", table.get(ord(base), base))
        letter_nfd = unicodedata.normalize("NFD", letter)
        combining = letter_nfd[len(base_nfd) :]
        if not letter_nfd.startswith(base_nfd) or table.setdefault(ord(mark), combining) != combining:
            raise ValueError(f"inconsistent {encoding} table at {legacy!r}")
    return table


def _read_table(encoding: str) -> list[tuple[str, str]]:
    """Rows of ``encodings/<encoding>.csv``: legacy bytes (hex) in the cp1252 view, Unicode letter."""
    text = (files("luocdo.data") / "encodings" / f"{encoding}.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()[1:] if line.strip()]
    rows.sort(key=lambda row: len(row[0].split()))  # VNI "ô" (ơ) before "ôù" (ớ)
    return [(_cp1252_view(bytes.fromhex(hexes)), letter) for hexes, letter in rows]


@cache
def _not_vietnamese() -> re.Pattern[str]:
    letters = "".join(sorted({letter for _, letter in _read_table("vni")}))  # VNI spells every letter
    return re.compile(f"[^\\x00-\\x7f{letters}]")


@cache
def _syllables() -> frozenset[str]:
    text = (files("luocdo.data") / "encodings" / "syllables.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
