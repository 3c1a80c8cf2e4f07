"""Administrative units named in running text: "xã Hưng Đạo", "TỈNH HÀ TĨNH", "tỉnh Nghệ⏎An".

Finding the mentions is a scan for the kind words and the capitalised name after each; which unit
a mention is, is :mod:`luocdo.ingest.places`' (the register and its resolution).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luocdo.ingest.clean import fold_tones
from luocdo.ingest.models import lower_same_length
from luocdo.ingest.places import KIND_RE, kind_of, known_keys, name_key, province_cut_at_line_break

# The matches of places.KIND_RE found from a rarer letter of each word (5 % of the letters of a text,
# where t, h, p, q, x, đ are 18 %), with the letters before it looked behind for: the scan stops
# a third as often. Each branch opens with its letter, so at a letter only its own word is looked
# behind for. _ANCHOR_AT: how many letters of its word come before each such letter.
_KIND_SCAN = re.compile(
    r"(?:ố(?<=thành phố)(?<!\wthành phố)|ị(?<=thị)(?<!\wthị)(?: trấn| xã)|ỉ(?<=tỉ)(?<!\wtỉ)nh"
    r"|p(?<=tp)(?<!\wtp)\.?|ệ(?<=huyệ)(?<!\whuyệ)n|ậ(?<=quậ)(?<!\wquậ)n|ã(?<=xã)(?<!\wxã)|ờ(?<=phườ)(?<!\wphườ)ng"
    r"|ặ(?<=đặ)(?<!\wđặ)c khu)(?!\w)")
_ANCHOR_AT = {"ố": 8, "ị": 2, "ỉ": 1, "p": 1, "ệ": 3, "ậ": 2, "ã": 1, "ờ": 3, "ặ": 1}
# Words after which "xã" is not a unit: "Thông tấn xã", "hợp tác xã".
_NOT_UNIT_BEFORE = ("tấn", "tác")
_NOT_NAME_START = ("ủy", "hội")  # "Huyện Ủy", "Xã Hội" in title case
_GAP = re.compile(r"[ \t]*[\n-]?[ \t]*")  # between syllables: a space, a hyphen or one line break
# A gap, then a word right after it, in one match (the gap's characters are no word's).
_WORD_AFTER_GAP = re.compile(r"([ \t]*[\n-]?[ \t]*)([^\W_]+)")
_NUMBERED = ("phường", "quận")  # the old register's "Phường 1", "Quận 10"

@dataclass(frozen=True)
class PlaceMention:
    """A unit named in running text; ``text[start:end]`` is the kind word plus the name."""

    start: int
    end: int
    kind: str  # "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"
    name: str  # as written, spaces collapsed: "Hưng Đạo", "HÀ TĨNH"



def find_places(text: str, low: str | None = None) -> list[PlaceMention]:
    """Units named in ``text`` (NFC, tones folded or not): "xã Hưng Đạo năm 2025" → "xã" + "Hưng Đạo".

    A name is 1–4 capitalised syllables (a number for "Phường 1"), ending at the first lower-case
    word or line end. In ALL-CAPS text ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") the name must be in the
    register, which is also where a longer run is cut ("XÃ HƯNG ĐẠO NĂM 2025" → "HƯNG ĐẠO").
    """
    # Lower case without folding tones first: no tone fold touches a kind word, the letter next to
    # one or the words "tấn"/"tác" before "xã" (a fold rewrites "oà", "uỷ" … with other letters).
    # ``low``: the text's lower case of the same length, when at hand.
    low = low if low is not None else lower_same_length(text)
    mentions = []
    gap = _GAP.match
    for m in _KIND_SCAN.finditer(low):
        start, end = m.start() - _ANCHOR_AT[low[m.start()]], m.end()
        name_at = gap(text, end).end()  # type: ignore[union-attr]  # the gap may be empty: it always matches
        if not _starts_a_name(text, end, name_at):  # "xã hội", "tỉnh ủy": no name (most of them)
            continue
        word = low[start:end]
        if word.startswith("tp") and not text.startswith("TP", start):
            continue
        kind = kind_of(word)
        if kind == "xã" and _not_unit_before(low, start):
            continue
        span = _name_after(text, end, kind)
        if span:
            mentions.append(PlaceMention(start, span[1], kind, " ".join(text[span[0] : span[1]].split())))
    return mentions


def _starts_a_name(text: str, pos: int, name_at: int) -> bool:
    """Whether the word after the gap from ``pos`` to ``name_at`` starts as a name does (else
    :func:`_name_after` finds none)."""
    return pos < name_at < len(text) and (text[name_at].isupper() or text[name_at].isdigit())


def _not_unit_before(low: str, start: int) -> bool:
    """"Thông tấn xã", "hợp tác xã": the word before is one after which "xã" is no unit."""
    before = low[max(0, start - 6) : start].split()
    return bool(before) and before[-1] in _NOT_UNIT_BEFORE


def _name_after(text: str, pos: int, kind: str) -> tuple[int, int] | None:
    """Span of the proper name that follows a kind word at ``pos``.

    Up to five capitalised syllables are read, across line breaks ("tỉnh Nghệ⏎An"), and the longest
    run the register knows wins. An unknown run counts only in mixed case, up to the line's end.
    """
    tokens: list[tuple[int, int]] = []
    at, caps, line_end = pos, False, None
    while len(tokens) < 5:
        m = _WORD_AFTER_GAP.match(text, at)
        if m is None or m.start(2) == at:  # no word, or one with no gap before it
            break
        word = m.group(2)
        if word.isdigit() and not tokens:  # "Phường 1", "Quận 10"
            return m.span(2) if kind in _NUMBERED else None
        if not word[0].isupper():
            break
        if not tokens:
            if word.lower() in _NOT_NAME_START:
                return None
            caps = word.isupper() and len(word) > 1
        elif len(word) > 1 and caps != word.isupper():
            break
        if line_end is None and "\n" in m.group(1):
            line_end = len(tokens)
        tokens.append(m.span(2))
        at = m.end()
    known = known_keys(kind)
    for n in range(len(tokens), 0, -1):
        if name_key(text[tokens[0][0] : tokens[n - 1][1]]) in known:
            return tokens[0][0], tokens[n - 1][1]
    tokens = tokens[:line_end]
    if caps or not tokens or len(tokens) > 4:
        return None
    return tokens[0][0], tokens[-1][1]


def read_unit(text: str, kind: str | None = None) -> tuple[str | None, str | None]:
    """The unit named at the start of ``text``: "tỉnh Hà Tĩnh về …" → ("tỉnh", "Hà Tĩnh").

    "tỉnh" alone gives ("tỉnh", None). Without a kind word the name is read as one of ``kind``
    (the kind a committee word implies: "Thị ủy Hồng Lĩnh" → "Hồng Lĩnh" as a "thị xã").
    """
    text = " " + text.lstrip()
    if m := KIND_RE.match(fold_tones(text).lower(), 1):
        kind, text = kind_of(m.group(1)), text[m.end() :]
    span = _name_after(text, 0, kind) if kind else None
    if not span:
        return kind, None
    return kind, province_cut_at_line_break(kind, " ".join(text[span[0] : span[1]].split()))
