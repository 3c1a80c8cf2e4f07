"""Clean-up of decoded text: the step between a reader and everything that reads text.

Each rule is a regex substitution applied with :func:`_sub`, which carries the map from every
character of the result back to the original, so citations found in the cleaned text can be
shown on the text the user gave us.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from luocdo.ingest.models import RawText, SourceText
from luocdo.ingest.offsets import OffsetMap, OffsetMapBuilder, replaced

# Letters that real files carry by mistake inside document codes: Cyrillic and Icelandic look-alikes,
# odd spaces, hyphens and line breaks, full-width digits: each becomes the one it stands for.
_LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
        "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y",
        "Ð": "Đ", "ð": "đ",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
        "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n", "\r": "\n",
        # Full-width digits ("Nghị định số １４５/２０２０"), as some PDF fonts write them.
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }
)
_LOOKALIKE_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _LOOKALIKES)) + "]")
_LOOKALIKE_LIST = tuple(chr(c) for c in _LOOKALIKES)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# "[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\d+\]:?", opening with one character class: the engine skips to those characters.
_SUPERSCRIPT_DIGITS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰\[](?:(?<=\[)\^\d+\]:?|(?<!\[)[¹²³⁴⁵⁶⁷⁸⁹⁰]*)")
_MD_HEADING = re.compile(r"(?m)^[ ]*#{1,6}[ ]+")
# Stars that open or close emphasis; "(*)" (a note mark) is kept.
_MD_EMPHASIS = re.compile(r"(?m)(?<![\w*])\*{1,3}(?=[^\s*)])|(?<=[^\s*(])\*{1,3}(?![\w*])|^[ ]*\*{2,3}[ ]*$")
_MD_LINE_BREAK = re.compile(r"(?:[ ]{2,}|\\)(?=\n)")
# Its triggers, "  \n" and "\\\n", found in one scan from line break to line break.
_BREAK_AFTER_TWO_SPACES_OR_BACKSLASH = re.compile(r"\n(?:(?<=  \n)|(?<=\\\n))")
_PAGE_NUMBER = r"[ ]*(?:-[ ]*\d{1,3}[ ]*-|Trang[ ]+\d{1,3}(?:[ ]*/[ ]*\d{1,3})?|\d{1,3})[ ]*"
_PAGE_NUMBER_LINE = re.compile(rf"(?m)^{_PAGE_NUMBER}$")
# The same after a line break, which the match opens with: the engine skips from one to the next
# (a pattern opening with "^" is tried at every character).
_PAGE_NUMBER_AFTER_BREAK = re.compile(rf"\n(?P<line>{_PAGE_NUMBER})(?=\n|\Z)")
_CRLF = re.compile(r"\r\n")
_NEVER = re.compile(r"(?!)")
# Patterns open with a literal, lookbehinds after it: the engine then jumps from one "-" or line
# break to the next instead of trying the lookbehind at every character.
_HYPHEN_BREAK = re.compile(r"-(?<=\w-)[ ]*\n[ ]*(?=\w)")
_HYPHEN_AT_LINE_END = re.compile(r"-[ ]*\n")
_SPACES = re.compile(r"  +")  # not "[ ]{2,}": a pattern opening with a repeat has no literal to skip to
# Spaces after or before a line break; written to start with the space, so the scan jumps from space to space.
_SPACE_AT_LINE_EDGE = re.compile(r"[ ](?:(?<=\n[ ])[ ]*|[ ]*(?=\n))")
_BLANK_LINES = re.compile(r"\n\n+")
# A sentence cut by a page or paragraph break: the next line goes on in lower case.
_LOWER_VOWELS = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
_BROKEN_SENTENCE = re.compile(rf"\n(?<=[\w,]\n)(?![a-zđ][.)] )(?=[{_LOWER_VOWELS}])")


def _sub(matches: Iterable[re.Match[str]], repl: str | Callable[[re.Match[str]], str],
         text: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """``pattern.sub`` over ``matches`` (in order, not overlapping) that carries the map back to
    the original (one entry per character of ``text``)."""
    if isinstance(repl, str):
        return _sub_spans([m.span() for m in matches], repl, text, offsets)
    out: list[str] = []
    new_map = OffsetMapBuilder()
    last = 0
    for m in matches:
        start, end = m.span()
        out.append(text[last:start])
        new_map.keep(offsets, last, start)
        new = repl(m)
        if len(new) == end - start:
            new_map.keep(offsets, start, end)
        else:
            anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if len(offsets) else 0)
            new_map.anchor(anchor, len(new))
        out.append(new)
        last = end
    if not out:
        return text, offsets
    out.append(text[last:])
    new_map.keep(offsets, last, len(text))
    return "".join(out), new_map.build()


def _sub_spans(spans: list[tuple[int, int]], repl: str, text: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """``repl`` written in place of each span: the text joined in C, the map in one pass."""
    if not spans:
        return text, offsets
    bounds = [0, *(i for span in spans for i in span), len(text)]
    kept = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    return repl.join(kept), replaced(offsets, spans, len(repl))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches in ``text`` (as ``finditer`` finds them)."""
    if pattern is _MD_EMPHASIS:
        return [m.span() for m in _on_lines_with("*", pattern, text)]
    if pattern is _PAGE_NUMBER_LINE:
        return _page_number_lines(text)
    if pattern is _SPACE_AT_LINE_EDGE:
        return _line_edge_spaces(text)
    return [m.span() for m in pattern.finditer(text)]


def _page_number_lines(text: str) -> list[tuple[int, int]]:
    """The matches of :data:`_PAGE_NUMBER_LINE`: on the first line, then after each line break."""
    first = _PAGE_NUMBER_LINE.match(text)
    spans = [first.span()] if first else []
    spans += [m.span("line") for m in _PAGE_NUMBER_AFTER_BREAK.finditer(text, first.end() if first else 0)]
    return spans


def _line_edge_spaces(text: str) -> list[tuple[int, int]]:
    """The matches of :data:`_SPACE_AT_LINE_EDGE`: whole runs of spaces after or before a line
    break, found from the breaks (the pattern stops at every space)."""
    runs = {m.span(1) for m in _SPACES_AFTER_BREAK.finditer(text)}
    for m in _BREAK_AFTER_SPACE.finditer(text):
        start = m.start() - 1
        while start > 0 and text[start - 1] == " ":
            start -= 1
        runs.add((start, m.start()))
    return sorted(runs)


# Both open with the line break, a literal: the scan jumps from one break to the next.
_SPACES_AFTER_BREAK = re.compile(r"\n( +)")
_BREAK_AFTER_SPACE = re.compile(r"\n(?<= \n)")


def _on_lines_with(mark: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches, context included, stay within one
    line, run only on the lines that hold ``mark`` (a scan for lookbehinds at every position of a
    long text costs more than the rest of clean-up)."""
    at = text.find(mark)
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        yield from pattern.finditer(text, start, end)
        at = text.find(mark, end)


def _nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC-normalise, mapping each composed character to its first source character."""
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap.identity(len(text))
    out: list[str] = []
    offsets = OffsetMapBuilder()
    last = 0
    for m in _WITH_MARKS.finditer(text):  # a letter followed by marks: where NFC composes
        start, end = m.span()
        _nfc_clusters(text, last, start, out, offsets)
        cluster = unicodedata.normalize("NFC", text[start:end])
        out.append(cluster)
        offsets.anchor(start, len(cluster))
        last = end
    _nfc_clusters(text, last, len(text), out, offsets)
    return "".join(out), offsets.build()


def _nfc_clusters(text: str, start: int, end: int, out: list[str], offsets: OffsetMapBuilder) -> None:
    """NFC of ``text[start:end]`` (no combining marks in it) appended to ``out``: one to one,
    unless a rare composition (Hangul jamo) changes its length; then character by character."""
    piece = unicodedata.normalize("NFC", text[start:end])
    if len(piece) == end - start:
        out.append(piece)
        offsets.linear(start, end - start)
        return
    for i in range(start, end):
        one = unicodedata.normalize("NFC", text[i])
        out.append(one)
        offsets.anchor(i, len(one))


# A character and the combining marks after it: the only places NFC composes.
_WITH_MARKS = re.compile("(?s).[" + "".join(chr(c) for c in range(0x300, 0x10000)
                                             if unicodedata.combining(chr(c))) + "]+")


# Old-style tone placement (hoà, Uỷ) → new style (hòa, Ủy), only where the syllable ends after
# the pair: "hoàn" and "quý" are the same in both conventions.
_TONES = {"grave": "̀", "acute": "́", "hook": "̉", "tilde": "̃", "dot": "̣"}
_FOLD_PAIRS: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _mark in _TONES.values():
        for _a, _b in ((_first, _second), (_first.upper(), _second.upper()), (_first.upper(), _second)):
            old = _a + unicodedata.normalize("NFC", _b + _mark)
            new = unicodedata.normalize("NFC", _a + _mark) + _b
            _FOLD_PAIRS[old] = new
# The second letter of an old-style pair, not after q ("qua", "quý"), at a syllable's end. The
# scan looks for the toned letter, rarer than o and u, and checks the letter before it after.
_OLD_TONE = re.compile(
    "[" + "".join(sorted({k[1] for k in _FOLD_PAIRS})) + "]"
    "(?:(?<=[oO][" + "".join(sorted({k[1] for k in _FOLD_PAIRS if k[0] in "oO"})) + "])"
    "|(?<=[uU][" + "".join(sorted({k[1] for k in _FOLD_PAIRS if k[0] in "uU"})) + r"]))"
    r"(?<![qQ][oOuU].)(?![^\W\d_])"
)


def fold_tones(text: str) -> str:
    """Rewrite old-style tone placement to the new style; the length never changes."""
    out: list[str] = []
    last = 0
    for m in _OLD_TONE.finditer(text):
        first = m.start() - 1  # the o or u before the toned letter
        pair = text[first:first + 2]
        out += (text[last:first], _FOLD_PAIRS.get(pair, pair))
        last = first + 2
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _join_unless_heading(m: re.Match[str], text: str) -> str:
    """Join a line that goes on in lower case, but not onto an all-caps heading ("KẾ HOẠCH")."""
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    return "\n" if line.isupper() else " "


def clean(raw: RawText) -> SourceText:
    """Turn decoded text into the normalised text every later step reads."""
    text, offsets = _nfc(raw.text)
    if "\r" in text:  # one character: a faster scan than the pattern's
        text, offsets = _sub(_CRLF.finditer(text), "\n", text, offsets)
    # Same length: the map does not change. A search per character, vectorised in C, beats one
    # scan with a class of 43 (few texts hold any of them).
    if any(c in text for c in _LOOKALIKE_LIST):
        text = _LOOKALIKE_CHARS.sub(lambda m: m.group().translate(_LOOKALIKES), text)
    # Printed page numbers exist only in page-based formats; in .docx/.html a lone number is a table cell.
    page_numbers = _PAGE_NUMBER_LINE if raw.format in ("pdf", "txt") else _NEVER
    # A rule runs when one of its triggers is in the text (else it cannot match), or always when it has none.
    for pattern, repl, triggers in (
        (_INVISIBLE, "", tuple("\u200b\u200c\u200d\u2060\ufeff\u00ad")),
        (_SUPERSCRIPT_DIGITS, "", ("[", *"¹²³⁴⁵⁶⁷⁸⁹⁰")),  # one character each: a fast scan
        (_MD_HEADING, "", ("#",)),
        (_MD_LINE_BREAK, "", (_BREAK_AFTER_TWO_SPACES_OR_BACKSLASH,)),
        (_MD_EMPHASIS, "", ("*",)),
        (page_numbers, "", tuple("0123456789")),
        (_SPACES, " ", ("  ",)),
        (_SPACE_AT_LINE_EDGE, "", ()),  # always: its scan is the trigger's
        (_HYPHEN_BREAK, "-", (_HYPHEN_AT_LINE_END,)),
        (_BLANK_LINES, "\n", ("\n\n",)),
    ):
        if not triggers or any(t in text if isinstance(t, str) else t.search(text) for t in triggers):
            text, offsets = _sub_spans(_spans(pattern, text), repl, text, offsets)
    text, offsets = _sub(_BROKEN_SENTENCE.finditer(text), lambda m: _join_unless_heading(m, text), text, offsets)
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    final = OffsetMapBuilder()
    final.keep(offsets, lead, lead + len(stripped))
    final.anchor(len(raw.text), 1)  # offsets[len(text)]: the end of the original
    text = stripped
    return SourceText(
        source=raw.source,
        original=raw.text,
        text=text,
        match_text=fold_tones(text),
        offsets=final.build(),
        format=raw.format,
        encoding=raw.encoding,
    )

