"""Acts: what a document does to other documents — repeals, replaces, amends, suspends.

A sentence's act verbs ("Bãi bỏ, sửa đổi, thay thế một số điều … của Thông tư số …") act on the
documents named after them: the first, and those listed after it ("… số 1/2020/QĐ-UBND ngày … và
Quyết định số 2/2021/QĐ-UBND", "… tại Quyết định số 1127/QĐ-UBND … và thủ tục … tại Quyết định số
2159/QĐ-UBND"); a document named later in a target's title is not one, nor the amending act a
fact about a target names ("… đã được sửa đổi, bổ sung theo Luật số 32/2013/QH13"). "… hết hiệu
lực" ends the documents named before it. A head ending with ":" hands its act to the list items
below; a document written by name ("Pháp lệnh Hải quan … năm 1990") is a ``name:`` target.
"""

from __future__ import annotations

import itertools
import re

from luocdo.ingest.models import Citation
from luocdo.ingest.validity_model import Act, Validity
from luocdo.ingest.validity_names import named_target
from luocdo.ingest.validity_text import Sentence, Text, in_quotes, marker_kind, quoted_at, stated_since

_ACT = re.compile(
    r"(?P<repeals>bãi bỏ|hết hiệu lực)|(?P<suspends>ngưng hiệu lực|tạm ngưng)"
    r"|(?P<replaces>thay thế)|(?P<amends>sửa đổi,? bổ sung|sửa đổi)"
)
_ITEM_VERB = re.compile(r"(?:bãi bỏ|sửa đổi|thay thế|ngưng hiệu lực|tạm ngưng|bổ sung|bỏ|sửa)(?!\w)")
_ACT_HEADS = ("bãi bỏ", "hết hiệu lực", "ngưng hiệu lực", "tạm ngưng", "thay thế", "sửa đổi")
# What may open a sentence before its verb: an article number, a list marker.
_HEAD = re.compile(r"[\s*_]{0,4}(?:điều \d{1,3}[a-z]?[.:]?\s*)?"
                   r"(?:(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2}){0,2}[.)]|[-–+•])\s*)?")
# A head verb acts on a provision or words ("Bổ sung khoản 17 vào sau …", "Bỏ cụm từ …"), not on things
# ("Bổ sung cửa khẩu áp dụng tờ khai …").
_HEAD_VERB = re.compile(r"(?:bổ sung|bỏ|sửa)(?=(?:,? (?:và )?(?:bổ sung|bỏ|sửa|bãi bỏ))* (?:một số |các )?"
                        r"(?:cụm từ|từ|khoản|điểm|điều|mục|tiểu mục|chương|phụ lục|danh mục|số thứ tự|nội dung)(?!\w))")
_VERB = re.compile(r"bãi bỏ|sửa đổi|thay thế|ngưng hiệu lực|tạm ngưng|(?<!\w)(?:bổ sung|bỏ|sửa)(?!\w)")
# Before a verb, words that make it no act of this document: passive ("được/bị bãi bỏ"), a noun
# ("việc bãi bỏ"), a proposal or a future ("đề nghị sửa đổi", "khi có Thông tư mới thay thế"), an
# adjective ("Danh mục thủ tục hành chính sửa đổi, bổ sung").
_PASSIVE = re.compile(r"(?:(?<!\w)(?:được|đã|bị|việc|thực hiện|đề nghị|kiến nghị|xem xét|để|sẽ|mới|khi có"
                      r"|tham mưu|thủ tục hành chính|tthc|nội dung|căn cứ|phải|cần)|\()\s*$")  # "phải sửa đổi": a task
# A document type right before the verb names another document ("Xây dựng các Luật sửa đổi, bổ sung
# …") unless it is this one: at the head, or "ban hành Quyết định bãi bỏ …", "Luật này thay thế …".
_TYPE_BEFORE = re.compile(r"(?<!\w)(?:luật|pháp lệnh|nghị định|nghị quyết|quyết định|thông tư|chỉ thị)\s*$")
_OWN_TYPE_BEFORE = re.compile(r"(?:^[\s*_]{0,4}|ban hành\s+|này\s+)(?:luật|pháp lệnh|nghị định|nghị quyết"
                              r"|quyết định|thông tư|chỉ thị)\s*$")
_CLUSTER_TAIL = re.compile(r"(?:sửa đổi|bổ sung|bãi bỏ|thay thế|hủy bỏ|ban hành|rà soát),?\s*(?:và\s*)?$")
_CLAUSE_OPEN = re.compile(r"(?:^|[,;:]|(?<!\w)và)\s*$")
_REPLACES_AND_REPEALS = re.compile(r"thay thế và bãi bỏ|bãi bỏ và thay thế")
_WORDS_REPLACED = re.compile(r"(?:,? (?:và )?(?:bãi bỏ|sửa đổi|bổ sung|bỏ))* (?:một số )?(?:từ|cụm từ)(?!\w)")
_NOT_OPERATIVE = re.compile(r"^[\s*_-]{0,4}(?:căn cứ|xét|theo đề nghị|thực hiện|theo|trên cơ sở)\b")
_BEYOND_AMENDS = ("bãi bỏ", "thay thế", "hết hiệu lực", "ngưng")  # acts that may reach a name or a list
_PART_WORDS = ("một số điều", "một số nội dung", "một phần", "số thứ tự", "phụ lục", "danh mục")
# Between the verb and its target, provisions of it: "bãi bỏ một số điểm, khoản, điều của Luật …",
# "Bãi bỏ các quy định về xử lý kỷ luật cán bộ, công chức tại Nghị định …", "bãi bỏ khoản tại …".
_PROVISIONS_OF = re.compile(r"(?<!\w)(?:điều|khoản|điểm|tiết|mục|tiểu mục|chương|phần|quy định|nội dung)"
                            r"(?!\w)[^;:]{0,160}?(?<!\w)(?:của|tại|trong)\s*$")
_PINPOINT = re.compile(r"(?<!\w)(?:điều|khoản|điểm|mục|chương|phần)\s+(?:\d|[ivxlc]+(?!\w))")
_ENUM_GAP = re.compile(r"[\s,;]{0,4}(?:và|hoặc|cùng)?[\s,]{0,3}(?:các |toàn bộ )?")
_SEPARATOR = re.compile(r"[,;]|(?<!\w)(?:và|hoặc)(?!\w)")
_ANNOUNCES_DOCUMENTS = re.compile(r"(?<!như )sau(?: đây)?\s*:\s*$")  # "… tại các luật, nghị quyết sau đây:"
# Before the verb, a condition, a proposal or a draft: no act ("Kiến nghị thực thi: Sửa đổi …").
_NOT_YET = ("nếu", "trường hợp", "khi chưa", "kiến nghị", "đề nghị", "đề xuất", "dự thảo", "dự án luật",
            "dự án pháp lệnh")
_THIS_TYPE = re.compile(r"(?<!\w)(?P<type>luật|bộ luật|pháp lệnh|nghị định|nghị quyết|quyết định|thông tư|chỉ thị"
                        r"|kế hoạch) này\s*$")
_REPLACEABLE = re.compile(r"(?:,?\s*(?:và\s+)?(?:bãi bỏ|sửa đổi|bổ sung|bỏ)(?!\w))*"
                          r"\s*(?::|(?:toàn bộ |các |một số |một phần )?(?:\d+ |[^\W\d]+ \(\d+\) )?"
                          r"(?:“|\"|từ|cụm từ|nội dung|quy định|điều|khoản"
                          r"|điểm|phụ lục|mục|chương|danh mục|mẫu|biểu mẫu|bảng|thủ tục|tthc|số thứ tự|văn bản|luật"
                          r"|bộ luật|pháp lệnh|nghị định|nghị quyết|quyết định|thông tư|chỉ thị))")
_ACCORDING_TO = re.compile(r"(?<!kèm )theo(?: quy định)?(?: tại)?\s*$")
_A_REASON = re.compile(r"(?<!\w)(?:lý do|thực hiện|căn cứ)(?!\w)")
# Every verb of _VERB, in a run ("bãi bỏ, sửa đổi, thay thế …", "tạm ngưng hiệu lực").
_CLUSTER = re.compile(r"(?:(?:bãi bỏ|sửa đổi|thay thế|ngưng hiệu lực|tạm ngưng(?: hiệu lực)?|bổ sung|bỏ|sửa)"
                      r"(?:,\s*|\s+và\s+)?)+")
_ONLY_WORDS = re.compile(r"\s*(?:một số |các )?(?:từ|cụm từ)(?:,\s*(?:từ|cụm từ))*\s*(?:“|\"|tại|của|trong|$)")
_PART_ONLY = re.compile(r"(?:điều|khoản|điểm|mục|chương|phụ lục)\s[\w,.\s]{0,40}")  # "; Điều 3 ⏎ Quyết định …"
_POINTER_END = re.compile(r"(?:(?:ban hành )?kèm theo|tại|của)\s*$")
_TITLE_WORDS = re.compile(r"(?<!\w)(?:về|sửa đổi|bổ sung|quy định|hướng dẫn|ban hành|thi hành|thực hiện"
                          r"|phê duyệt|theo)(?!\w)")
_STATED_SOURCE = re.compile(r"(?:được sửa đổi,? bổ sung[^;]{0,40}?(?:bởi|tại|theo)|được thay thế (?:bởi|bằng))\s*$")
_OWN_TO = re.compile(r"này hết hiệu lực(?: thi hành)? (?:kể )?từ ngày")


def find_acts(doc: Text, s: Sentence, citations: list[Citation], result: Validity, own_type: str | None = None) -> None:
    """The acts sentence ``s`` states, added to ``result`` (``own_type``: this document's type, so that a
    letter reporting "Luật này thay thế …" of a law does not act)."""
    if _NOT_OPERATIVE.match(s.low) or ("này hết hiệu lực" in s.low and _OWN_TO.search(s.low)
                                       and "bãi bỏ" not in s.low):
        return
    cited = doc.cites_in(s.start, s.end)
    if not cited and not any(w in s.low for w in _BEYOND_AMENDS):
        return  # no document named and only amendment words: nothing to act on
    first = _first_verb(s.low, doc.t, s.start)
    if first is None:
        return
    at, verb = first
    if _someone_elses(s.low, at, own_type) or not _acts_on_a_document(s.low, at, verb):
        return
    quoted = quoted_at(s.low) if "“" in s.low else None
    here = [i for i in cited if _named_document(citations, i)
            and not (quoted and quoted(citations[i].start - s.start))]
    since = stated_since(s.low) if "từ ngày" in s.low else None
    if verb == "hết hiệu lực":
        _ended_here(doc, s, at, here, citations, since, result)
        return
    if _titled(s, at, here, citations):
        return
    after = [i for i in here if citations[i].start > s.start + at]
    if after and "lý do" in s.low[at:citations[after[0]].start - s.start]:
        return  # "Bãi bỏ thành phần hồ sơ: … Lý do: Thực hiện Nghị quyết …": the document is the reason
    targets = _enumerated(citations, after, s)
    if targets and _ACCORDING_TO.search(s.low, max(at, citations[targets[0]].start - s.start - 25),
                                        citations[targets[0]].start - s.start):
        return  # "… thay thế trang bị … theo Quyết định số …": the document is a reference, not an object
    stop = citations[targets[0]].start - s.start if targets else len(s.low)
    relations = _relations(s.low, at, stop)
    if targets:
        for i, zone in _zones(citations, targets, s, at):
            for relation in relations:
                _add(result, relation, citations, i, s, since, zone)
        return
    if relations == ["amends"] and not _ANNOUNCES_DOCUMENTS.search(s.low):
        return  # "Sửa đổi khoản 2 Điều 4 như sau:" announces wording, not documents
    name = named_target(doc.t, s, at + len(verb))
    if name:
        for relation in relations:
            _add_named(result, relation, name, s, since)
        return
    if not s.low.rstrip().endswith((".", ";", "như sau:")):
        for relation in relations:
            _list_below(doc, s, citations, relation, since, result)


def _first_verb(low: str, original: str | None = None, offset: int = 0) -> tuple[int, str] | None:
    """Where the sentence's act verb is and the verb: a head verb ("Bổ sung …", "Bỏ cụm từ …") or
    the first act word that is not part of a stated fact or a condition."""
    head = _HEAD.match(low)
    if head and (m := _HEAD_VERB.match(low, head.end())):
        return m.start(), m.group()
    words = _act_words(low)
    head_end = head.end() if head else 0
    if words and words[0].start() == head_end:
        return head_end, words[0].group()  # "Bãi bỏ …", "2. Sửa đổi …": nothing before it to weigh
    stop = -1  # where a condition or a proposal opens, looked for once a verb needs it
    for m in words:
        if stop < 0:
            stop = min((at for at in (low.find(w, 0, words[-1].start()) for w in _NOT_YET) if at >= 0),
                       default=len(low))
        if stop < m.start():
            return None
        if _passive(low, m.start()) or _another_documents(low, m.start(), original, offset):
            continue  # "được/bị bãi bỏ", "việc bãi bỏ", "các Luật sửa đổi": not this document's act
        if m.group() == "sửa đổi" and not _opens_clause(low, m.start(), head_end):
            continue  # a bare "sửa đổi" inside a clause is a word of it ("Đăng ký sửa đổi chế độ …")
        return m.start(), m.group()
    return None


def _passive(low: str, at: int) -> bool:
    """The verb at ``at``, or the verbs it follows ("được sửa đổi, bổ sung, bãi bỏ"), is passive or
    a noun ("việc bãi bỏ")."""
    before = low[max(0, at - 80):at]
    while m := _CLUSTER_TAIL.search(before):
        before = before[:m.start()]
    return bool(_PASSIVE.search(before))


def _act_words(low: str) -> list[re.Match[str]]:
    """The act words of a sentence in order (found by plain search: faster than the alternation)."""
    found = []
    for word in _ACT_HEADS:
        at = low.find(word)
        while at >= 0:
            if m := _ACT.match(low, at):
                found.append(m)
            at = low.find(word, at + len(word))
    found.sort(key=lambda m: m.start())
    return found


def _another_documents(low: str, at: int, original: str | None, offset: int) -> bool:
    """The verb at ``at`` follows a document type that is not this document's own (see _TYPE_BEFORE);
    a type in capitals is this document's title ("QUYẾT ĐỊNH SỬA ĐỔI, BỔ SUNG QUYẾT ĐỊNH SỐ …")."""
    window = max(0, at - 40)
    kind = _TYPE_BEFORE.search(low, window, at)
    if not kind or _OWN_TYPE_BEFORE.search(low, 0 if at < 40 else window, at):
        return False
    return original is None or not original[offset + kind.start():offset + kind.end()].strip().isupper()


def _opens_clause(low: str, at: int, head_end: int) -> bool:
    return at <= head_end or low.endswith("này ", 0, at) or _clause_opens_at(low, at)


def _clause_opens_at(low: str, at: int) -> bool:
    """A clause opens at ``at``: the sentence starts there, or a separator ends right before it."""
    return bool(_CLAUSE_OPEN.search(low, max(0, at - 12), at))  # "^" only at the real start


def _someone_elses(low: str, at: int, own_type: str | None) -> bool:
    """"Luật này thay thế …" in a letter: the act of the law the letter speaks of."""
    m = _THIS_TYPE.search(low, max(0, at - 25), at)
    if not m or not own_type:
        return False
    own = own_type.lower()
    return not (own.startswith(m["type"]) or m["type"].startswith(own))


def _acts_on_a_document(low: str, at: int, verb: str) -> bool:
    """"thay thế" acts on a document, a provision or words, not on things ("thay thế trang bị máy vi
    tính")."""
    if verb != "thay thế" or low[:at].rstrip().endswith(("”", '"')):
        return True
    return bool(_REPLACEABLE.match(low, at + len(verb)))


def _relations(low: str, at: int, stop: int) -> list[str]:
    """The relations of the verbs from ``at`` to the first target, each opening a clause
    ("Bãi bỏ, sửa đổi, thay thế một số điều …", "Bổ sung cụm từ, bãi bỏ khoản tại …")."""
    out: list[str] = []
    for v in _VERB.finditer(low, at, max(stop, at + 1)):
        if v.start() > at and (in_quotes(low, v.start()) or not _clause_opens_at(low, v.start())):
            continue
        relation = _relation(low, v)
        cluster = _CLUSTER.match(low, v.start())
        if _ONLY_WORDS.match(low, cluster.end() if cluster else v.end()):
            relation = "amends"  # "Bổ sung, thay thế, bãi bỏ một số cụm từ tại …": words change, the text stays
        if relation not in out:
            out.append(relation)
    if "replaces" in out and "repeals" in out and _REPLACES_AND_REPEALS.search(low, at):
        out.remove("repeals")  # "thay thế và bãi bỏ các văn bản sau": one act
    return out or ["repeals"]


def _relation(low: str, v: re.Match[str]) -> str:
    word = v.group()
    if word == "bãi bỏ":
        return "repeals"
    if word in ("ngưng hiệu lực", "tạm ngưng"):
        return "suspends"
    if word == "thay thế":
        # "“Đặc khu” thay thế “huyện đảo” tại …", "Thay thế cụm từ … thành …": words replaced
        words = low[:v.start()].rstrip().endswith(("”", '"')) or _WORDS_REPLACED.match(low, v.end())
        return "amends" if words else "replaces"
    return "amends"


def _ended_here(doc: Text, s: Sentence, at: int, here: list[int], citations: list[Citation],
                since: str | None, result: Validity) -> None:
    """"X … hết hiệu lực": the documents named before the words, else a name at the head, else the
    list below a head ending with ":"."""
    targets = _enumerated(citations, [i for i in here if citations[i].start < s.start + at], s)
    for i in targets:
        _add(result, "repeals", citations, i, s, since, s.low, zone=False)
    if targets:
        return
    head = _HEAD.match(s.low)
    if name := named_target(doc.t, s, head.end() if head else 0, before=at):
        _add_named(result, "repeals", name, s, since)
    elif s.low.rstrip().endswith(":"):
        _list_below(doc, s, citations, "repeals", since, result)


def _enumerated(citations: list[Citation], after: list[int], s: Sentence) -> list[int]:
    """The first target and those listed after it. A citation an amendment fact names as its
    source ("… đã được sửa đổi, bổ sung theo Luật số 32/2013/QH13") is passed over, with those of
    the same shape joined to it; the list ends at a citation that belongs to a target's title."""
    if not after:
        return []
    first = after[0]
    source_shape: bool | None = None
    if _STATED_SOURCE.search(s.low, max(0, citations[first].start - s.start - 80), citations[first].start - s.start):
        source_shape = _shape(citations[first])  # "X … đã được sửa đổi, bổ sung theo Luật số …": not X
    out = [] if source_shape is not None else [first]
    anchor = first
    for i in after[1:]:
        gap = s.low[max(0, citations[anchor].end - s.start):citations[i].start - s.start]
        if _STATED_SOURCE.search(gap) or (source_shape == _shape(citations[i]) and _joins(gap)):
            source_shape, anchor = _shape(citations[i]), i
            continue
        if not _joins(gap) and out:
            break
        out.append(i)
        anchor, source_shape = i, None
    return out


def _shape(c: Citation) -> bool:
    """Whether the citation names its document ("Luật thuế … số 04/2007/QH12") or not ("Luật số
    26/2012/QH13", "Nghị quyết số 96/2023/QH15")."""
    return c.name is not None


def _joins(gap: str) -> bool:
    """The words between two targets join them: separators only, or a separator and the part of
    the next one ("… và thủ tục hành chính có số thứ tự 01 tại ")."""
    if _ENUM_GAP.fullmatch(gap):
        return True
    seps = list(_SEPARATOR.finditer(gap))
    if not seps:
        return False
    rest = re.sub(r"^\s*(?:các |toàn bộ |số )?", "", gap[seps[-1].end():])
    if not rest.strip() or _PART_ONLY.fullmatch(rest):
        return True
    pointer = _POINTER_END.search(rest)
    return len(rest) <= 160 and pointer is not None and not _TITLE_WORDS.search(rest, 0, pointer.start())


def _named_document(citations: list[Citation], i: int) -> bool:
    """Citation ``i`` can be a target: it names a document (not "Quyết định 1." of a heading) and
    is no law named inside another document's title."""
    c = resolved(citations, i)
    return citations[i].in_title_of is None and bool(c.target or c.number)


def _titled(s: Sentence, at: int, here: list[int], citations: list[Citation]) -> bool:
    """The act words follow a cited document in the same clause: they are its title's words."""
    before = [i for i in here if citations[i].start < s.start + at]
    if not before:
        return False
    gap = s.low[max(0, citations[before[-1]].end - s.start):at]
    return not any(ch in gap for ch in ";:") and ". " not in gap


def _list_below(doc: Text, s: Sentence, citations: list[Citation], relation: str, since: str | None,
                result: Validity) -> None:
    """Targets of an unfinished head: one per list item below it ("…sau đây: a) … b) …"), or the
    first document of the next sentence when the head runs on ("Bãi bỏ toàn bộ ⏎ Quyết định …")."""
    below = doc.following(s.end + 1)
    first = next(below, None)
    if first is None or _NOT_OPERATIVE.match(first.low):
        return
    head_kind = marker_kind(s.low)
    if marker_kind(first.low) in (None, head_kind):
        _item_target(doc, first, citations, relation, since, result, listed=marker_kind(first.low) is None)
        return
    item_kind = marker_kind(first.low)  # items of another kind are nested in an item
    for item in itertools.chain([first], below):
        kind = marker_kind(item.low)
        if kind is not None and kind == head_kind:
            break
        if kind == item_kind and not _acts_alone(item.low):
            _item_target(doc, item, citations, relation, since, result)


def _acts_alone(low: str) -> bool:
    """A list item that opens with its own verb ("2. Bãi bỏ …", "b) Bổ sung cụm từ …") speaks for
    itself; the verb of a title inside an item ("35. Quyết định số … sửa đổi, bổ sung …") does not."""
    head = _HEAD.match(low)
    return bool(_ITEM_VERB.match(low, head.end() if head else 0))


def _item_target(doc: Text, item: Sentence, citations: list[Citation], relation: str, since: str | None,
                 result: Validity, *, listed: bool = False) -> None:
    """The target of a list item (its first document), or of the sentence a head runs on into
    (``listed``: the documents it lists, "Điều 14, 18 Quyết định số …; Điều 3 Quyết định số …")."""
    named = [i for i in doc.cites_in(item.start, item.end) if _named_document(citations, i)]
    first = _enumerated(citations, named, item) if listed else named[:1]
    if first and _A_REASON.search(item.low, 0, citations[first[0]].start - item.start):
        return  # "- Lý do: Thực hiện Nghị quyết số 66/NQ-CP …": an item's reason, not a target
    for i, zone in _zones(citations, first, item, 0):
        _add(result, relation, citations, i, item, since, zone)
    head = _HEAD.match(item.low)
    if not first and (name := named_target(doc.t, item, head.end() if head else 0)):
        _add_named(result, relation, name, item, since)


def _zones(citations: list[Citation], targets: list[int], s: Sentence, at: int) -> list[tuple[int, str]]:
    """Each target with the words before it, back to the verb or the target before ("Bãi bỏ khoản 1
    Điều 3 …", "…; Điều 3 Quyết định số …"): what a part is read from, not a target's title."""
    out: list[tuple[int, str]] = []
    start = at
    shared = ""  # "Bãi bỏ các quy định … tại Nghị định A … và Nghị định B": provisions of each
    for i in targets:
        zone = s.low[start:max(start, citations[i].start - s.start)]
        if not out and _PROVISIONS_OF.search(zone):
            shared = zone
        out.append((i, shared or zone))
        start = citations[i].end - s.start
    return out


def _add(result: Validity, relation: str, citations: list[Citation], i: int, s: Sentence,
         since: str | None, low: str, *, zone: bool = True) -> None:
    """Act ``relation`` on citation ``i``; ``low`` the words it is read from, the ``zone`` from the
    verb to the target (else its whole sentence)."""
    c = resolved(citations, i)
    pinpoint = citations[i].pinpoint
    partial = any(w in low for w in _PART_WORDS) or _PINPOINT.search(low) or (zone and _PROVISIONS_OF.search(low))
    scope = "part" if pinpoint or (partial and "toàn bộ" not in low) else "whole"
    if relation in ("amends", "suspends") and not pinpoint:
        scope = "part" if relation == "amends" else "whole"
    key = ("act", relation, c.target or c.number, pinpoint)
    if key in result.seen:
        return
    result.seen.add(key)
    result.acts.append(Act(relation, scope, c.target, c.number, pinpoint, since, s.start, s.end))


def _add_named(result: Validity, relation: str, name: str, s: Sentence, since: str | None) -> None:
    key = ("act", relation, name, None)
    if key in result.seen:
        return
    result.seen.add(key)
    result.acts.append(Act(relation, "whole", name, None, None, since, s.start, s.end))


def resolved(citations: list[Citation], i: int) -> Citation:
    """The citation a short form or alias stands for."""
    c = citations[i]
    if c.target is None and c.antecedent is not None:
        return citations[c.antecedent]
    return c

