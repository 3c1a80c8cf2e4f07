"""What the cheaper reading of a document (issue 17, item 8: read → clean → metadata) keeps: each
fast form gives what the plain form it replaces gave (the plain forms are kept here), on generated
texts and on the vendored corpus."""

from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import example, given, settings
from hypothesis import strategies as st

from luocdo.ingest import encodings
from luocdo.ingest.clean import _BREAK_AFTER_TWO_SPACES_OR_BACKSLASH, _FOLD_PAIRS, clean, fold_tones
from luocdo.ingest.metadata import _DATE_LINE, _date_lines, _lines_from
from luocdo.ingest.models import lower_same_length
from luocdo.ingest.offsets import OffsetMap, OffsetMapBuilder
from luocdo.ingest.place_mentions import _ANCHOR_AT, _GAP, _KIND_SCAN, _NOT_UNIT_BEFORE, PlaceMention, find_places
from luocdo.ingest.places import KIND_RE, kind_of, known_keys, name_key
from luocdo.ingest.readers import read_file

from .conftest import CORPUS
from .offset_maps import offset_map_of


def _pieces(*words: str, size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=size).map("".join)


def _corpus_texts() -> list[str]:
    return [clean(read_file(p)).match_text for p in sorted(CORPUS.rglob("*.txt"))]


# --- the date line --------------------------------------------------------------------------------

DATE_TEXT = _pieces("Hà Nội", "Hồng Lĩnh", ", ngày ", ",ngày", " ngày ", ",", " ", "\n", "12", "5", " tháng ",
                    "tháng", " năm ", "năm", "2024", "1999", "/", "-", ".", "…", "x" * 30, "Số: 1/KH", "ab")


def _date_matches(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=500, deadline=None)
@given(DATE_TEXT)
@example("Số: 12/KH Hà Nội, ngày 5 tháng 3 năm 2024, Hà Tĩnh, ngày 1 tháng 2 năm 2023")
@example("x" * 39 + ", ngày 1/2/2024\nab,ngày 3.4.2025 " + "y" * 41 + ", ngày tháng 6 năm 2022")
def test_the_date_lines_are_the_pattern_s_matches(text: str) -> None:
    assert _date_matches(_date_lines(text)) == _date_matches(_DATE_LINE.finditer(text))


def test_the_date_lines_of_the_corpus_heads() -> None:
    found = 0
    for text in _corpus_texts():
        for head in (text[:3000], text[:20000]):
            fast = _date_matches(_date_lines(head))
            assert fast == _date_matches(_DATE_LINE.finditer(head))
            found += len(fast)
    assert found > 80


# --- places named in a text -----------------------------------------------------------------------


def plain_find_places(text: str, *, folded: bool = False) -> list[PlaceMention]:
    """``find_places`` as it was: tones folded before lower-casing, every check inline; the lower
    case keeps the length, so its offsets index the text (an "İ" before a unit shifts nothing)."""
    low = lower_same_length(text if folded else fold_tones(text))
    mentions = []
    for m in KIND_RE.finditer(low):
        start = _GAP.match(text, m.end()).end()
        if not (start > m.end() and start < len(text) and (text[start].isupper() or text[start].isdigit())):
            continue
        written = text[m.start() : m.end()]
        if written.lower().startswith("tp") and not written.startswith("TP"):
            continue
        kind = kind_of(m.group(1))
        before = low[max(0, m.start() - 6) : m.start()].split()
        if kind == "xã" and before and before[-1] in _NOT_UNIT_BEFORE:
            continue
        span = plain_name_after(text, m.end(), kind)
        if span:
            mentions.append(PlaceMention(m.start(), span[1], kind, " ".join(text[span[0] : span[1]].split())))
    return mentions


def plain_name_after(text: str, pos: int, kind: str) -> tuple[int, int] | None:
    """``_name_after`` as it was: the gap and the word matched apart."""
    tokens: list[re.Match[str]] = []
    at, caps, line_end = pos, False, None
    while len(tokens) < 5:
        gap = _GAP.match(text, at)
        tok = re.compile(r"[^\W_]+").match(text, gap.end()) if gap and gap.end() > at else None
        word = tok.group() if tok else ""
        if tok and word.isdigit() and not tokens:
            return (tok.start(), tok.end()) if kind in ("phường", "quận") else None
        if not tok or not word[0].isupper():
            break
        if not tokens:
            if word.lower() in ("ủy", "hội"):
                return None
            caps = word.isupper() and len(word) > 1
        elif len(word) > 1 and caps != word.isupper():
            break
        if line_end is None and gap and "\n" in gap.group():
            line_end = len(tokens)
        tokens.append(tok)
        at = tok.end()
    known = known_keys(kind)
    for n in range(len(tokens), 0, -1):
        if name_key(text[tokens[0].start() : tokens[n - 1].end()]) in known:
            return tokens[0].start(), tokens[n - 1].end()
    tokens = tokens[:line_end]
    if caps or not tokens or len(tokens) > 4:
        return None
    return tokens[0].start(), tokens[-1].end()


# Kind words, names, the letters tone folding rewrites ("hoà", "Uỷ", "quý"), "tấn"/"tác" before "xã".
PLACE_TEXT = _pieces("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường", "tp",
                     "TP", "Tp", ".", " ", "\n", "-", "1", "Hà Tĩnh", "Hưng Đạo", "HỒNG LĨNH", "Nghệ\nAn", "10",
                     "Bắc Ninh Mới Lớn Nhỏ Xa", "Ủy", "Hội", "hoà", "Hoà",
                     "oà", "uỷ", "Uỷ", "quý", "khoẻ", "hội", "tấn ", "tác ", "Thông ", "Hợp ", "İ", "a", "A")


@settings(max_examples=500, deadline=None)
@given(PLACE_TEXT.map(str.title) | PLACE_TEXT.map(str.upper) | PLACE_TEXT, st.booleans())
@example("hợp tác xã Hưng Đạo, thông tấn xã Hà Tĩnh, xã Hoà Bình", False)
@example("İ tỉnh Hà Tĩnh, Tp. Hồ Chí Minh, tp Huế, TP Vinh", False)
def test_find_places_is_the_plain_scan(text: str, folded: bool) -> None:
    text = fold_tones(text) if folded else text
    assert find_places(text) == plain_find_places(text, folded=folded)


def test_a_letter_that_lengthens_in_lower_case_shifts_no_place() -> None:
    """"İ" is two characters in lower case: the units after it are still found where they are
    (they were looked for one character off, and missed)."""
    text = "İ tỉnh Hà Tĩnh, TP Vinh"
    assert [(m.name, text[m.start:m.end]) for m in find_places(text)] == [
        ("Hà Tĩnh", "tỉnh Hà Tĩnh"), ("Vinh", "TP Vinh")]


KIND_TEXT = _pieces("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường", "tp",
                    ".", " ", "a", "1", "_", "\n", "hà tĩnh", "t", "h", "x", "p", "đ", "q", "ị", "ã", "ố", "thị", "th",
                    "ph", "tpp", "huy", "đặ", "quậ", "tỉ")


@settings(max_examples=1000, deadline=None)
@given(KIND_TEXT)
@example("thị xã.xã thị trấnx tp.tp tpx tp.x đặc khu_ phường1 huyện quận thành phốa")
def test_the_kind_words_found_from_a_rarer_letter_are_the_pattern_s(text: str) -> None:
    fast = [(m.start() - _ANCHOR_AT[text[m.start()]], m.end()) for m in _KIND_SCAN.finditer(text)]
    assert fast == [m.span() for m in KIND_RE.finditer(text)]


def test_find_places_on_the_corpus() -> None:
    found = 0
    for text in _corpus_texts():
        fast = find_places(text[:60_000])
        assert fast == plain_find_places(text[:60_000], folded=True)
        found += len(fast)
    assert found > 500


def test_no_tone_fold_changes_a_kind_word() -> None:
    """Why ``find_places`` need not fold tones: the fold rewrites letter pairs ("oà" → "òa") found in
    no kind word, before or after, and keeps letters letters (so the words' bounds hold)."""
    pairs = {pair.lower() for pair in _FOLD_PAIRS} | {new.lower() for new in _FOLD_PAIRS.values()}
    for word in ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường", "tp"):
        assert not any(pair in word for pair in pairs), word
        assert word[0] not in "".join(pairs)[1::2]  # no pair ends in its first letter


# --- the offset map -------------------------------------------------------------------------------


@st.composite
def maps_and_ranges(draw: st.DrawFn) -> tuple[OffsetMap, list[tuple[str, int, int]]]:
    """A map of kept, anchored and linear pieces (repeated or skipped origins too), and what to
    append from it: ``keep`` ranges and anchors."""
    old = offset_map_of(draw(st.lists(st.tuples(st.sampled_from("kal"), st.integers(1, 4), st.integers(-1, 1)),
                                      max_size=20)))
    steps = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            steps.append(("anchor", draw(st.integers(0, 30)), draw(st.integers(1, 3))))
        start = draw(st.integers(0, len(old)))
        steps.append(("keep", start, draw(st.integers(start, len(old)))))
    return old, steps


def _plain_keep(builder: OffsetMapBuilder, old: OffsetMap, start: int, end: int) -> None:
    """``keep`` as it was: one piece of each run at a time."""
    k = bisect_right(old._starts, start) - 1
    while start < end:
        run_end = old._starts[k + 1] if k + 1 < old.runs else len(old)
        piece_end = min(end, run_end)
        builder._add(old._origins[k] + old._steps[k] * (start - old._starts[k]), old._steps[k], piece_end - start)
        start, k = piece_end, k + 1


@settings(max_examples=800, deadline=None)
@given(maps_and_ranges())
def test_keep_copies_whole_runs_as_the_builder_adds_them(case: tuple[OffsetMap, list[tuple[str, int, int]]]) -> None:
    old, steps = case
    fast, plain = OffsetMapBuilder(), OffsetMapBuilder()
    for what, a, b in steps:
        if what == "anchor":
            fast.anchor(a, b)
            plain.anchor(a, b)
        else:
            fast.keep(old, a, b)
            _plain_keep(plain, old, a, b)
    x, y = fast.build(), plain.build()
    assert (x._starts, x._origins, x._steps, len(x)) == (y._starts, y._origins, y._steps, len(y))


def test_keep_of_many_runs_is_the_per_character_map() -> None:
    old = OffsetMap([0, 3, 5, 6, 9], [10, 20, 30, 40, 40], [1, 0, 1, 1, 0], 12)
    builder = OffsetMapBuilder()
    builder.anchor(7, 2)
    builder.keep(old, 1, 11)
    assert list(builder.build()) == [7, 7, 11, 12, 20, 20, 30, 40, 41, 42, 40, 40]


# --- clean-up's triggers --------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(_pieces(" ", "  ", "\n", "\\", "a", "\\\n", "  \n"))
def test_one_scan_finds_the_markdown_line_break_s_triggers(text: str) -> None:
    assert bool(_BREAK_AFTER_TWO_SPACES_OR_BACKSLASH.search(text)) == ("  \n" in text or "\\\n" in text)


# --- the recipients' lines ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_pieces("a", "\n", " ", "- b", "\n\n"), st.integers(0, 40))
def test_lines_from_a_position_are_the_split_lines(text: str, start: int) -> None:
    start = min(start, len(text))
    assert list(_lines_from(text, start)) == text[start:].split("\n")


def test_the_legacy_font_signal_letters_are_the_class() -> None:
    """A text holds a signal letter of a legacy font exactly when the class finds one: the letters
    searched for one by one are the class's, checked over every code point."""
    letters = set(encodings._SIGNAL_LETTERS)
    assert all((chr(c) in letters) == bool(encodings._SIGNAL.match(chr(c))) for c in range(0x110000))
