"""What the ingest speed-ups (issue 17, item 8) keep: the store's guarantees, and the same answers
as the plain forms they replace (each fast form is checked against the plain one, kept here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from luocdo.graph.load import ingest_paths
from luocdo.ingest import grammar, laws
from luocdo.ingest.clean import (
    _BLANK_LINES,
    _BROKEN_SENTENCE,
    _FOLD_PAIRS,
    _HYPHEN_BREAK,
    _LOWER_VOWELS,
    _SPACE_AT_LINE_EDGE,
    _SPACES,
    _SUPERSCRIPT_DIGITS,
    _line_edge_spaces,
    _page_number_lines,
    fold_tones,
)
from luocdo.ingest.encodings import decode_text_bytes
from luocdo.ingest.find import _bare_number, _bare_start, _type_before, _type_last_words
from luocdo.ingest.models import ReadError, lower_same_length
from luocdo.ingest.offsets import OffsetMap, OffsetMapBuilder, replaced
from luocdo.ingest.place_mentions import find_places
from luocdo.ingest.places import KIND_RE

from .conftest import SAMPLES, Stores
from .offset_maps import offset_map_of
from .test_store import whole_files


def _wal_size(store_dir: Path) -> int:
    wal = store_dir / "graph.lbug.wal"
    return wal.stat().st_size if wal.exists() else 0


def test_a_run_of_transactions_checkpoints_once_at_the_end(tmp_path: Path, stores: Stores) -> None:
    """A commit after ``COPY FROM`` checkpointed the whole store, once per batch (0.5–1.3 s each on
    the corpus): an ingest of several transactions now leaves the log to grow and folds it once."""
    folder = tmp_path / "s"
    store = stores.open(folder, copy_min_rows=1)  # every batch goes in with COPY FROM
    sizes: list[int] = []
    summary = ingest_paths(store, [SAMPLES], batch_files=2, workers=1,
                           on_file=lambda _: sizes.append(_wal_size(folder)))
    assert len(summary.written) == 5 and whole_files(store) == []
    # on_file runs before each file's batch is written: the log only grew between transactions
    assert all(a <= b for a, b in pairwise(sizes)) and sizes[-1] > sizes[0], sizes
    assert _wal_size(folder) == 0  # folded at the end
    before = store.stats()
    store.close()
    again = stores.open(folder, read_only=True)  # durable, whole
    assert again.stats() == before and whole_files(again) == []


def test_automatic_checkpoints_come_back_after_the_run(tmp_path: Path, stores: Stores) -> None:
    folder = tmp_path / "s"
    store = stores.open(folder, copy_min_rows=1)
    ingest_paths(store, [SAMPLES], batch_files=2, workers=1)
    edited = tmp_path / "plans"
    edited.mkdir()
    one = next(SAMPLES.glob("003-*"))
    (edited / one.name).write_text(one.read_text(encoding="utf-8") + "\nThực hiện Luật số 10/2022/QH15.\n",
                                   encoding="utf-8")
    ingest_paths(store, [edited], workers=1)  # one transaction: not deferred, its commit checkpoints
    assert _wal_size(folder) == 0


# --- fast forms against the plain ones ------------------------------------------------------------

def _pieces(*words: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=60).map("".join)


# Old-style tone pairs and their neighbours: "hoà", "Uỷ", "quý", "QUÀ", "oÁ", "hoà2", "khoẻ"
TONE_TEXT = _pieces(*"oOuUqQaAyYeEhk 2\n-", *(k[1] for k in _FOLD_PAIRS), "ò", "ú", "ỳ", "_")
_PLAIN_OLD_TONE = re.compile(  # clean.py's pattern before it scanned for the toned letter first
    "([oO](?<![qQ][oO])[" + "".join(sorted({k[1] for k in _FOLD_PAIRS if k[0] in "oO"})) + "]"
    "|[uU](?<![qQ][uU])[" + "".join(sorted({k[1] for k in _FOLD_PAIRS if k[0] in "uU"})) + r"])(?![^\W\d_])"
)


def plain_fold_tones(text: str) -> str:
    return _PLAIN_OLD_TONE.sub(lambda m: _FOLD_PAIRS.get(m.group(1), m.group(1)), text)


@settings(max_examples=300, deadline=None)
@given(TONE_TEXT)
def test_fold_tones_is_the_plain_substitution(text: str) -> None:
    assert fold_tones(text) == plain_fold_tones(text)


def test_fold_tones_on_the_sample_plans() -> None:
    for path in SAMPLES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert fold_tones(text) == plain_fold_tones(text)
    assert fold_tones("Uỷ ban, hoà bình, quý, khoẻ.") == "Ủy ban, hòa bình, quý, khỏe."


# Each pattern as it was written, with its lookbehind first, and as it is now (literal first)
PLAIN_KIND = re.compile(r"(?<!\w)(thành phố|thị trấn|thị xã|đặc khu|tỉnh|huyện|quận|xã|phường|tp\.?)(?!\w)")
PLAIN_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ ]*\n[ ]*(?=\w)")
PLAIN_BROKEN_SENTENCE = re.compile(rf"(?<=[\w,])\n(?![a-zđ][.)] )(?=[{_LOWER_VOWELS}])")
KIND_TEXT = _pieces("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường", "tp",
                    ".", " ", "a", "1", "_", "\n", "Hà Tĩnh", "t", "h", "x", "p", "đ", "q")
LINE_TEXT = _pieces("a", "A", "1", ",", "-", " ", "\n", "b", "c.", "a) ", "đ", "ư", "_", ";")


@settings(max_examples=300, deadline=None)
@given(KIND_TEXT, st.integers(0, 3))
def test_the_kind_words_pattern_is_the_plain_one(text: str, at: int) -> None:
    def found(p: re.Pattern[str]) -> list[tuple[tuple[int, int], str]]:
        return [(m.span(), m.group(1)) for m in p.finditer(text)]

    assert found(KIND_RE) == found(PLAIN_KIND)
    new, old = KIND_RE.match(text, at), PLAIN_KIND.match(text, at)
    assert (new and (new.span(), new.group(1))) == (old and (old.span(), old.group(1)))


@settings(max_examples=300, deadline=None)
@given(LINE_TEXT)
def test_the_line_break_patterns_are_the_plain_ones(text: str) -> None:
    for new, old in ((_HYPHEN_BREAK, PLAIN_HYPHEN_BREAK), (_BROKEN_SENTENCE, PLAIN_BROKEN_SENTENCE)):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(KIND_TEXT.map(lambda t: t.title()) | KIND_TEXT)
def test_find_places_on_folded_text_skips_nothing(text: str) -> None:
    assert find_places(fold_tones(text)) == find_places(text)


@st.composite
def maps_and_spans(draw: st.DrawFn) -> tuple[OffsetMap, list[tuple[int, int]], int]:
    """An offset map made of kept and anchored pieces, and spans of it to replace."""
    old = offset_map_of(draw(st.lists(st.tuples(st.sampled_from("kal"), st.integers(1, 5), st.just(0)), max_size=12)))
    cuts = sorted(draw(st.lists(st.integers(0, len(old)), max_size=10)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return old, spans, draw(st.integers(0, 3))


def plain_replaced(old: OffsetMap, spans: list[tuple[int, int]], width: int) -> OffsetMap:
    """What clean-up's ``_sub`` built, one ``keep`` or ``anchor`` per piece."""
    new = OffsetMapBuilder()
    last = 0
    for start, end in spans:
        new.keep(old, last, start)
        if end - start == width:
            new.keep(old, start, end)
        else:
            new.anchor(old[start] if start < len(old) else (old[-1] + 1 if len(old) else 0), width)
        last = end
    new.keep(old, last, len(old))
    return new.build()


@settings(max_examples=500, deadline=None)
@given(maps_and_spans())
def test_replaced_is_the_map_the_builder_gives(case: tuple[OffsetMap, list[tuple[int, int]], int]) -> None:
    old, spans, width = case
    fast, plain = replaced(old, spans, width), plain_replaced(old, spans, width)
    assert (list(fast), fast.runs) == (list(plain), plain.runs)


PLAIN_BARE_NUMBER = re.compile(r"[ \n](?P<bare>(?:số |Số )?" + grammar.SHORT.pattern + ")")
_AFTER_TYPE_WORD = re.compile(rf"(?:{'|'.join(_type_last_words())})(?: số)? $", re.IGNORECASE)
NUMBER_TEXT = _pieces("số ", "Số ", "SỐ ", " ", "\n", "1", "45", "123456", "/TU", "/", "-", ".", "x", "Nghị định",
                      " tháng", " năm", ",5", "Điều", "khoản", "Luật", "LUẬT")


@settings(max_examples=400, deadline=None)
@given(NUMBER_TEXT)
def test_the_bare_number_scan_finds_what_the_plain_one_found(text: str) -> None:
    """The scan finds the bare numbers after a space whose word before (that or the one before "số")
    is the last word of a type word: the only ones a short form can start with."""
    plain = [(m.start("bare"), m.end(), m.group("num"), m.group("iss")) for m in PLAIN_BARE_NUMBER.finditer(text)
             if _AFTER_TYPE_WORD.search(text, 0, m.start("num"))]
    fast = [(_bare_start(text, m.start()), m.end(), m.group("num"), m.group("iss"))
            for m in _bare_number().finditer(text)]
    assert fast == plain


PLAIN_SUPERSCRIPTS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\d+\]:?")
PLAIN_PAGE_NUMBER_LINE = re.compile(r"(?m)^[ ]*(?:-[ ]*\d{1,3}[ ]*-|Trang[ ]+\d{1,3}(?:[ ]*/[ ]*\d{1,3})?|\d{1,3})"
                                    r"[ ]*$")
PAGE_TEXT = _pieces("\n", " ", "  ", "-", "12", "1234", "Trang", "/", "x", "¹", "²³", "[", "^", "]", ":", "[^1]", "  ")


@settings(max_examples=400, deadline=None)
@given(PAGE_TEXT)
def test_clean_up_scans_find_what_the_plain_patterns_found(text: str) -> None:
    def spans(p: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in p.finditer(text)]

    assert _page_number_lines(text) == spans(PLAIN_PAGE_NUMBER_LINE)
    assert spans(_SUPERSCRIPT_DIGITS) == spans(PLAIN_SUPERSCRIPTS)
    assert spans(_BLANK_LINES) == spans(re.compile(r"\n{2,}"))
    assert spans(_SPACES) == spans(re.compile(r"[ ]{2,}"))
    assert _line_edge_spaces(text) == spans(_SPACE_AT_LINE_EDGE)


def test_control_characters_are_counted_up_to_the_limit() -> None:
    """1 % of the sample and one more may be control characters (one scan counts them now)."""
    text = "Ke hoach so 5/KH-UBND " * 50  # 1,100 bytes (the sample of UTF-8 input is counted in bytes)
    decode_text_bytes((text + "\x01" * 12).encode(), "ok")  # 12 ≤ 0.01 × 1,112 + 1
    with pytest.raises(ReadError, match="control characters"):
        decode_text_bytes((text + "\x01" * 13).encode(), "too many")  # 13 > 12.13


class _WholeWindow:
    """``grammar.type_word()`` whose ``finditer`` scans the whole window whatever start it is
    given: ``find._type_before`` as it read before the scan began after the last stop."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, window: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(window)


TYPE_TEXT = _pieces("Nghị định", "Bộ luật", "Luật", " Đất đai", " quy phạm pháp ", " luật", " số", " Số", ":", " ",
                    "\n", ";", ".", ",", " và", "xLuật", "Căn cứ ")


@settings(max_examples=400, deadline=None)
@given(TYPE_TEXT)
@example("Căn cứ Nghị định số\n")  # a line break ending the gap: "$" matches before it
def test_the_type_before_a_number_is_read_as_from_the_whole_window(text: str) -> None:
    fast = _type_before(text, len(text), [])
    whole = _WholeWindow(grammar.type_word())
    with patch.object(grammar, "type_word", lambda: whole):
        assert _type_before(text, len(text), []) == fast


def _plain_anchors(low: str) -> list[tuple[int, int, str | None, str | None]]:
    """The anchors a search for the first words of names finds, one place after another (what
    ``laws._anchors`` found before it scanned for each word on its own)."""
    heads, anchor, found, pos = re.compile(laws._heads()), laws._anchor_re(), [], 0
    while (word := heads.search(low, pos)) is not None:
        if (m := anchor.match(low, word.start())) is None:
            pos = word.start() + 1
            continue
        if m["name"] is not None or m["amending"] is not None:
            found.append((m.start(), m.end(), m["name"], m["amending"]))
        pos = m.end()
    return found


LAW_TEXT = _pieces("luật", "bộ luật", "pháp luật", "luật đất đai", "bộ luật dân sự", "hiến pháp", "pháp lệnh",
                   "nghị quyết", "luật sửa đổi, bổ sung một số điều của ", "hiến pháp lệnh", "x", " ", ", ",
                   "\n", "năm 2013", "luật tiếp công dân")


@settings(max_examples=500, deadline=None)
@given(LAW_TEXT)
@example("bộ luật hình sự và luật đất đai; hiến pháp lệnh xluật tiếp công dân")
def test_law_names_are_anchored_where_the_plain_scan_anchors_them(text: str) -> None:
    assert [(m.start(), m.end(), m["name"], m["amending"]) for m in laws._anchors(text)] == _plain_anchors(text)


def test_law_names_in_the_sample_plans_are_anchored_as_by_the_plain_scan() -> None:
    for plan in sorted(SAMPLES.glob("*.txt")):
        low = lower_same_length(fold_tones(plan.read_text(encoding="utf-8")))
        assert [(m.start(), m.end(), m["name"], m["amending"]) for m in laws._anchors(low)] == _plain_anchors(low)
