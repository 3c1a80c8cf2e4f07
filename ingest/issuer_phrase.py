"""Where the issuer phrase after a cited number ends: "… của Bộ trưởng Bộ Khoa học và Công nghệ
về việc …" names the minister, "…, của Ủy ban Pháp luật và Tư pháp," the committee."""

from __future__ import annotations

import re
from functools import lru_cache

from luocdo.ingest import grammar
from luocdo.ingest.issuers import named_on, organ_names, organ_text
from luocdo.ingest.places import KINDS, resolve_place

_UNIT_AFTER_ORGAN = re.compile(rf" (?:{'|'.join(KINDS)}|TP\.?)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r" (\w+)")
# Lower-case words that go on naming an issuer after its organ: "Hội nghị lần thứ sáu Ban Chấp hành
# Trung ương Đảng khóa XII" (the term is an ISSUER_END stop); "của" only before another organ ("Ủy
# ban Tư pháp của Quốc hội").
_GOES_ON = frozenset({"lần", "nhiệm", "khóa", "khoá"})
_NEXT = re.compile(r" (?P<word>\w+)(?P<next> \w+)?")
# "cấp" naming a level goes on ("Hội đồng nhân dân cấp xã"); before anything else it is a verb
# ("… Bộ Văn hóa, Thể thao và Du lịch cấp giấy phép").
_LEVEL_AFTER = re.compile(r" (?:tỉnh|huyện|xã|trung ương|cơ sở)(?!\w)")
# A position that names its organ after it ("trường": a common slip for "trưởng").
_POSITION_END = re.compile(r"(?<!\w)(?:\w*\s?trưởng|trường|Chủ tịch|Giám đốc|Thủ tướng|Chánh án)$", re.IGNORECASE)
_NEXT_LINE = re.compile(r"[^;:.()\n]{1,90}")  # as grammar.ISSUER_AFTER reads a phrase


def issuer_phrase(rest: str, issuer: re.Match[str]) -> tuple[str, int]:
    """The issuer phrase of a :data:`grammar.ISSUER_AFTER` match in ``rest``, cut where it ends,
    and how many characters of ``rest`` from the phrase's start it takes. It goes on over one line
    break that cuts a name in two (:func:`across_line_break`), the break read as a space."""
    phrase = issuer.group("issuer")
    cut = phrase[:issuer_end(phrase)]
    if len(cut) < len(phrase) or rest[issuer.end():issuer.end() + 1] != "\n":
        return cut.rstrip(), len(cut.rstrip())
    head = phrase.rstrip()
    next_line = _NEXT_LINE.match(rest, issuer.end() + 1)
    if next_line is None or not across_line_break(head, next_line.group()):
        return head, len(head)
    joined = f"{head} {next_line.group()}"
    longer = joined[:issuer_end(joined)].rstrip()
    if len(longer) <= len(head) + 1:
        return head, len(head)
    # ``longer`` is ``head``, a space for the break, then some of the next line; in ``rest`` the
    # phrase (with any spaces before the break) and the break stand before those same characters.
    return longer, len(phrase) + len(longer) - len(head)


def across_line_break(head: str, next_line: str) -> bool:
    """Whether an issuer phrase that a line break ends goes on at the start of the next line: a name
    the break cuts in two ("Bộ trưởng Bộ⏎Tài chính", "Thủ tướng⏎Chính phủ", "tỉnh Quảng⏎Trị",
    "Thành phố Hồ Chí⏎Minh"), a unit the register knows after a bare unit kind ("UBND tỉnh⏎Nghệ
    An"), or a unit's kind right after an organ ("Hội đồng nhân dân⏎Thành phố"). A next line that
    opens otherwise is another line: a list item, a title, another organ ("Bộ Tài chính⏎Sở Tài chính")."""
    if not next_line[:1].isupper() or (next_line.isupper() and not head.isupper()):
        return False
    joined, cut = f"{head} {next_line}", len(head)
    organs = list(organ_names().finditer(organ_text(joined)))
    if any(o.start() < cut < o.end() for o in organs):
        return True
    if any(o.end() == cut for o in organs) and _UNIT_AFTER_ORGAN.match(joined, cut):
        return True
    if _POSITION_END.search(head) and any(o.start() == cut + 1 for o in organs):
        return True  # "Bộ trưởng⏎Bộ Tài chính": a position, then the organ it heads
    units = [u for u in _UNIT_AFTER_ORGAN.finditer(joined, 0, cut) if u.end() <= cut]
    if not units:
        return False
    after, placed = _unit_end(joined, units[-1].start())
    name = joined[units[-1].end():after].split()
    # A one-word name only for a province ("thành phố⏎Huế"): "Hội đồng nhân dân cấp xã⏎Bố trí …" is
    # no "xã Bo", but a heading and the paragraph under it.
    return placed and after > cut + 1 and (len(name) > 1 or _a_province(joined[units[-1].start():after].strip()))


@lru_cache(maxsize=8192)  # the same phrases recur across documents: "Chính phủ", "UBND tỉnh Hà Tĩnh"
def issuer_end(phrase: str) -> int:
    """Where the issuer phrase after a number ends: at :data:`grammar.ISSUER_END`, never inside the
    name of an organ that holds "và" or a comma ("của Bộ trưởng Bộ Khoa học và Công nghệ về việc …",
    "của Ủy ban Pháp luật và Tư pháp,"), and before a predicate that follows an organ and its unit
    ("của UBND tỉnh Bắc Ninh công bố thủ tục …", "của Chính phủ thì …")."""
    organs = list(organ_names().finditer(organ_text(phrase)))
    stop = grammar.ISSUER_END.search(phrase)
    end = stop.start() if stop else len(phrase)
    if stop and stop.group() in (",", " và "):
        inside = next((o for o in organs if o.start() <= stop.start() < o.end()), None)
        if inside is not None:  # the organ's name, then its unit's at most
            return _unit_end(phrase, inside.end())[0]
    for organ in (o for o in organs if o.end() <= end and not named_on(o.group())):
        after, placed = _unit_end(phrase, organ.end())
        if _predicate_follows(phrase[after:end], placed):
            return after
    # An organ the register does not list ("Thuế tỉnh Nghệ An vướng mắc …", "Ủy ban bầu cử xã
    # Lương Minh Thông báo …") still ends with a unit the register knows, when a predicate follows.
    for unit in _UNIT_AFTER_ORGAN.finditer(phrase, 0, end):
        after, placed = _unit_end(phrase, unit.start())
        if placed and _predicate_follows(phrase[after:end], placed):
            return after
    return end


def _predicate_follows(rest: str, placed: bool) -> bool:
    """Whether ``rest``, what follows an organ (and its unit, ``placed`` when the register knows
    the unit), says something of it instead of naming it: a lower-case word ("… thì", "… công bố
    …"), a mark that closes a quote, or after a known unit a sentence-case predicate ("UBND tỉnh
    Bình Phước Thành lập …")."""
    if rest[:1] not in ("", " "):
        return rest[:1] in "”\"’)"
    m = _NEXT.match(rest)
    if m is None:
        return False
    word = m.group("word")
    if rest.isupper() and len(rest.split()) > 1:  # a title in capitals: "… CỦA QUỐC HỘI THÍ ĐIỂM MỘT SỐ …"
        word = word.lower()
    if word[0].islower():
        if word == "của":
            return not organ_names().match(organ_text(rest), m.end("word") + 1)
        if word == "cấp":
            return not _LEVEL_AFTER.match(rest, m.end("word"))
        return word not in _GOES_ON
    return placed and m.group("next") is not None and m.group("next")[1].islower()


def _unit_end(phrase: str, pos: int) -> tuple[int, bool]:
    """Where the unit named right after an organ ends ("… tỉnh Quảng Ninh", "UBND tỉnh"): its kind,
    then as many of the capitalised words after it as name a unit of the register ("tỉnh Bình Phước
    Thành lập …" is Bình Phước), all of them when none does (none in a title in capitals); ``pos``
    when no unit follows. And whether the register knew the unit."""
    unit = _UNIT_AFTER_ORGAN.match(phrase, pos)
    if unit is None:
        return pos, False
    capitalised: list[re.Match[str]] = []
    while len(capitalised) < 4 and (word := _WORD.match(phrase, capitalised[-1].end() if capitalised else unit.end())):
        if not word.group(1)[0].isupper():
            break
        capitalised.append(word)
    kind = phrase[unit.start() + 1:unit.end()]
    for n in range(len(capitalised), 0, -1):
        if _a_unit(f"{kind} {' '.join(w.group(1) for w in capitalised[:n])}"):
            return capitalised[n - 1].end(), True
    if phrase.isupper():  # in a title in capitals every word is capitalised: "CỦA UBND TỈNH BÃI BỎ …"
        return unit.end(), False
    return capitalised[-1].end() if capitalised else unit.end(), False


@lru_cache(maxsize=4096)
def _a_unit(name: str) -> bool:
    return resolve_place(name) is not None


def _a_province(name: str) -> bool:
    place = resolve_place(name)
    return place is not None and place.district is None and place.commune is None
