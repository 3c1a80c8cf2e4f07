"""Laws named with one word wrong: "Luật quản lý, sử dụng vốn nhà nước đầu tư và sản xuất, kinh
doanh tại doanh nghiệp" for the table's "… đầu tư vào sản xuất …" (Công văn 3397/BKHĐT-QLKTTW).

:func:`luocdo.ingest.laws.find_law_names` reads a name only as the table writes it. A long name
(at least :data:`MIN_WORDS` words after its type word) written with one word added, dropped or
changed is still that law; a short one so changed is more likely another law ("Luật Thuế thu
nhập cá nhân" and "… doanh nghiệp" are two words apart, "Luật Tổ chức Chính phủ" and "… Quốc
hội" one), so short names are never read this way.
"""

from __future__ import annotations

import re
from functools import cache

from luocdo.ingest.issuers import name_words
from luocdo.ingest.laws import law_records
from luocdo.ingest.models import Citation
from luocdo.ingest.spans import Spans

MIN_WORDS = 6
_TYPE_WORD = re.compile(r"(?<!\w)(?:luật|bộ luật|pháp lệnh) ")
_WORD = re.compile(r"\w+")
_NAME_ENDS = re.compile(r"[;:.()\n“”\"]")


@cache
def _long_names() -> dict[tuple[str, str], tuple[tuple[tuple[str, ...], str, str], ...]]:
    """The table's long names by their type word and first word: (words, name, type)."""
    index: dict[tuple[str, str], list[tuple[tuple[str, ...], str, str]]] = {}
    for law in law_records():
        words = name_words(law.name)
        type_words = len(name_words(law.type))
        # An amending law's title tells it apart by its last words ("… một số điều của Luật Giá"):
        # one word away is another amending law.
        if len(words) - type_words >= MIN_WORDS and "sửa" not in words and "bổ" not in words:
            key = (" ".join(words[:type_words]), words[type_words])
            index.setdefault(key, []).append((words, law.name, law.type))
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def find_near_names(low: str, taken: list[Citation]) -> list[Citation]:
    """Citations of long law names written with one word wrong in ``low`` (a text tone-folded and
    in lower case), where no citation in ``taken`` stands."""
    covered = Spans(taken)
    out: list[Citation] = []
    for m in _TYPE_WORD.finditer(low):
        if covered.overlaps(m.start(), m.start() + 1):
            continue
        stop = _NAME_ENDS.search(low, m.end(), m.end() + 300)
        words = list(_WORD.finditer(low, m.start(), stop.start() if stop else min(len(low), m.end() + 300)))
        type_words = len(_WORD.findall(m.group()))
        if len(words) <= type_words:
            continue
        key = (" ".join(w.group() for w in words[:type_words]), words[type_words].group())
        for known, name, kind in _long_names().get(key, ()):
            end = _near_end(words, known)
            if end is not None and not covered.overlaps(m.start(), end):
                out.append(Citation(start=m.start(), end=end, text="", form="name", doc_type=kind, name=name))
                break
    return out


def _near_end(words: list[re.Match[str]], name: tuple[str, ...]) -> int | None:
    """Where the words written end when, read from the first, they are ``name`` with one slip: a
    word mistyped by one letter ("đầu tư và sản xuất" for "vào") or written twice ("Luật ban Ban
    hành …"). A word dropped or added otherwise is not a slip: "Luật Thuế sử dụng đất nông nghiệp"
    is not "… đất phi nông nghiệp". The table's spelling itself is read elsewhere."""
    written = tuple(w.group() for w in words[:len(name) + 1])
    if written[:len(name)] == name:
        return None
    if len(written) >= len(name) and _one_letter_off(written[:len(name)], name):
        return words[len(name) - 1].end()
    if len(written) == len(name) + 1 and _one_word_twice(written, name):
        return words[len(name)].end()
    return None


def _one_letter_off(written: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``written`` is ``name`` with one word one letter off (added, dropped or changed)."""
    apart = [(a, b) for a, b in zip(written, name, strict=True) if a != b]
    return len(apart) == 1 and _one_edit(*apart[0])


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def _one_word_twice(written: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``written`` is ``name`` with one of its words written twice in a row."""
    return any(written[i] == written[i + 1] and written[:i] + written[i + 1:] == name for i in range(len(written) - 1))
