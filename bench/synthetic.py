"""Synthetic plans for the graph benchmark: the country's real units, real national documents.

Two products, both seeded and deterministic:

* :func:`write_corpus` writes plan *texts* shaped like the seeds in ``data/samples`` (header,
  "Số: 191/KH-UBND", date line, "KẾ HOẠCH", "Thực hiện …" / "Căn cứ …" preamble, body citations)
  for ``luocdo ingest``. Province plans implement national documents, district plans the
  province's, commune plans the district's, so implementation chains link up by canonical id.
* :func:`synthetic_graph` (in ``synthetic_graph.py``) builds the same shape directly as
  :class:`~luocdo.graph.model.FileGraph` objects, at a size too large to write as text.

Units come from the ``vietnamadminunits`` register (the 63-province, three-level one, so every
plan is dated before the 2025-07-01 reform); national documents from the reference data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from luocdo.graph.reference import reference_graph
from luocdo.ingest.admin_register import register_rows
from luocdo.ingest.places import province_kind, units_of
from luocdo.ingest.resolve import slug

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 6, 20)  # districts are abolished from 2025-07-01
REGISTER_DAY = "2024-01-01"  # the register snapshot units are taken from


# --- the country ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One administrative unit that issues plans."""

    level: str  # "province" | "district" | "commune"
    kind: str  # "tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn"
    name: str  # "Hà Tĩnh", "Hồng Lĩnh", "Thuận Lộc"
    province: str
    district: str | None = None  # the district's label, for a commune: "thị xã Hồng Lĩnh"

    @property
    def label(self) -> str:
        """As running text names it: "tỉnh Hà Tĩnh", "thị xã Hồng Lĩnh"; a numbered "Phường 1" as is."""
        return self.name if self.name.lower().startswith(self.kind + " ") else f"{self.kind} {self.name}"


@dataclass
class Province:
    unit: Unit
    districts: list[Unit]
    communes: dict[str, list[Unit]]  # by district label


def _split_label(label: str) -> tuple[str, str]:
    """("xã", "Phước Long") from the register's "xã Phước Long (Xã)" (its note told apart namesakes)."""
    label = label.split(" (")[0]
    for kind in ("thành phố", "thị trấn", "thị xã", "huyện", "quận", "xã", "phường"):
        if label.startswith(kind + " "):
            return kind, label[len(kind) + 1:]
    raise ValueError(f"no unit kind in {label!r}")


@cache
def country() -> tuple[Province, ...]:
    """The 63 provinces with their districts and communes, as on :data:`REGISTER_DAY`."""
    names = sorted({r["provinceShort"] for r in register_rows("admin_units_legacy", ["provinceShort"])})
    provinces = []
    for name in names:
        unit = Unit("province", province_kind(name, REGISTER_DAY), name, name)
        districts = {p.district: Unit("district", *_split_label(p.district), name)
                     for p in units_of(name, "district", on=REGISTER_DAY) if p.district}
        communes: dict[str, list[Unit]] = {d.label: [] for d in districts.values()}
        for p in units_of(name, "commune", on=REGISTER_DAY):
            if p.commune and p.district in districts:
                above = districts[p.district].label
                communes[above].append(Unit("commune", *_split_label(p.commune), name, above))
        provinces.append(Province(unit, [d for d in districts.values() if communes[d.label]], communes))
    return tuple(provinces)


# --- national documents --------------------------------------------------------------------------

@dataclass(frozen=True)
class National:
    """A national document of the reference data, and how plans write a citation of it."""

    id: str
    number: str
    type: str
    issuer: str | None
    date: dt.date
    title: str  # lower-case start: "về thực hiện dân chủ …"; for a law, its name
    effective_to: str | None

    @property
    def is_law(self) -> bool:
        return self.type in ("Luật", "Bộ luật")

    def full(self) -> str:
        """"Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định …"; a law by name and year."""
        if self.is_law:
            return f"{self.title} năm {self.date.year}"
        by = f" của {self.issuer}" if self.issuer else ""
        return f"{self.type} số {self.number} ngày {_dmy(self.date)}{by} {self.title}".rstrip()

    def short(self) -> str:
        """What a later mention says: "Nghị định 59", "Luật Thực hiện dân chủ ở cơ sở"."""
        if self.is_law:
            return self.title
        head = self.number.split("/")[0].split("-")[0]
        return f"{self.type} {self.number}" if "-" in self.number.split("/")[0] else f"{self.type} {head}"


def _dmy(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def _lower_first(text: str) -> str:
    """"Về thực hiện …" → "về thực hiện …"; an acronym ("UBND …") stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


@cache
def nationals() -> dict[str, National]:
    """Reference documents a plan can cite: national, fully dated, with a type; by id."""
    out = {}
    for d in reference_graph().documents:
        if d.level not in (None, "national") or not d.type or not d.date or len(d.date) != 10 or not d.number:
            continue
        if d.type in ("Luật", "Bộ luật"):
            if not d.title or "sửa đổi" in d.title or not d.title.startswith(d.type + " "):
                continue
            title = d.title
        else:
            if not d.issuer or ";" in d.issuer:
                continue
            title = _lower_first(d.title or "")
        out[d.id] = National(d.id, d.number, d.type, d.issuer, dt.date.fromisoformat(d.date), title,
                             d.effective_to)
    return out


@dataclass(frozen=True)
class Topic:
    """What a campaign of plans is about, and the national documents its plans rest on."""

    subject: str  # "thực hiện dân chủ ở cơ sở"
    implements: tuple[str, ...]  # ids a province plan says it carries out ("Thực hiện …")
    based_on: tuple[str, ...]  # "Căn cứ …"
    cites: tuple[str, ...]  # the body's "trọng tâm là: …"


TOPICS = (
    Topic("thực hiện dân chủ ở cơ sở", ("10/2022/QH15", "346/QĐ-TTg@2023", "30-CT/TW@1998"),
          ("10/2022/QH15", "59/2023/NĐ-CP", "61/2023/NĐ-CP", "77/2015/QH13"),
          ("30-CT/TW@1998", "120-KL/TW@2016", "25-NQ/TW@2013", "34/2007/PL-UBTVQH11", "04/2015/NĐ-CP",
           "145/2020/NĐ-CP", "01/2016/TT-BNV", "159/2016/NĐ-CP")),
    Topic("công tác dân vận của cơ quan nhà nước, chính quyền các cấp", ("25-NQ/TW@2013", "43-KL/TW@2019"),
          ("77/2015/QH13", "16/CT-TTg@2016"),
          ("114-KL/TW@2015", "290-QĐ/TW@2010", "62-KL/TW@2009", "120-KL/TW@2016", "30-CT/TW@1998")),
    Topic("tiếp công dân, giải quyết khiếu nại, tố cáo", ("11-QĐi/TW@2019",),
          ("42/2013/QH13", "02/2011/QH13", "25/2018/QH14", "56/2010/QH12", "11/2022/QH15"),
          ("03/2011/QH13", "36/2018/QH14", "104/2016/QH13", "35/2013/QH13")),
    Topic("xây dựng, thực hiện hương ước, quy ước của cộng đồng dân cư", ("61/2023/NĐ-CP", "22/2018/QĐ-TTg"),
          ("77/2015/QH13", "10/2022/QH15"),
          ("24/1998/CT-TTg", "35/2013/QH13", "34/2007/PL-UBTVQH11")),
    Topic("giám sát và phản biện xã hội của Mặt trận Tổ quốc và các đoàn thể", ("217-QĐ/TW@2013", "218-QĐ/TW@2013"),
          ("75/2015/QH13",),
          ("124-QĐ/TW@2018", "62-KL/TW@2009", "120-KL/TW@2016")),
    Topic("thực hiện dân chủ tại nơi làm việc", ("145/2020/NĐ-CP", "60/2013/NĐ-CP"),
          ("45/2019/QH14", "10/2012/QH13"),
          ("149/2018/NĐ-CP", "04/2015/NĐ-CP", "01/2016/TT-BNV", "30-CT/TW@1998")),
    Topic("phòng, chống tham nhũng, lãng phí", ("36/2018/QH14",),
          ("36/2018/QH14", "56/2010/QH12"),
          ("104/2016/QH13", "25/2018/QH14", "11/2022/QH15")),
    Topic("công tác văn thư, lưu trữ", ("30/2020/NĐ-CP",), ("30/2020/NĐ-CP", "80/2015/QH13"),
          ("66-QĐ/TW@2017", "36-HD/VPTW@2018")),
)


def topics() -> list[Topic]:
    """:data:`TOPICS` with the ids the reference data does not describe (or dates badly) left out."""
    known = nationals()
    out = []
    for t in TOPICS:
        keep = Topic(t.subject, *(tuple(i for i in ids if i in known) for ids in (t.implements, t.based_on, t.cites)))
        if keep.implements:
            out.append(keep)
    return out


def citable(ids: tuple[str, ...], on: dt.date) -> list[National]:
    """The documents of ``ids`` signed before ``on``."""
    known = nationals()
    return [known[i] for i in ids if known[i].date < on]


# --- plans ---------------------------------------------------------------------------------------

# Party organs by the kind of unit: (header line, symbol code, "Ban Thường vụ …" as cited, the
# organ in luocdo's canonical id: a district-level Thành ủy signs "KH/TU" but is keyed as ThU).
_PARTY = {
    "tỉnh": ("TỈNH ỦY", "TU", "Ban Thường vụ Tỉnh ủy", "TU"),
    "thành phố@province": ("THÀNH ỦY", "TU", "Ban Thường vụ Thành ủy", "TU"),
    "huyện": ("HUYỆN ỦY", "HU", "Ban Thường vụ Huyện ủy", "HU"),
    "quận": ("QUẬN ỦY", "QU", "Ban Thường vụ Quận ủy", "QU"),
    "thị xã": ("THỊ ỦY", "ThU", "Ban Thường vụ Thị ủy", "ThU"),
    "thành phố@district": ("THÀNH ỦY", "TU", "Ban Thường vụ Thành ủy", "ThU"),
    "commune": ("ĐẢNG ỦY", "ĐU", "Đảng ủy", "ĐU"),
}


@dataclass
class Plan:
    """One plan of one unit: who, which number, when, and the plan above it that it carries out."""

    unit: Unit
    branch: str  # "state" | "party"
    serial: int
    date: dt.date
    topic: Topic
    parent: Plan | None = None
    blank_number: bool = False  # "Số: /KH-UBND": a draft or a scan whose number was never filled in
    children: list[Plan] = field(default_factory=list)

    @property
    def party(self) -> tuple[str, str, str, str]:
        key = "commune" if self.unit.level == "commune" else \
            f"{self.unit.kind}@{self.unit.level}" if self.unit.kind == "thành phố" else self.unit.kind
        return _PARTY[key]

    @property
    def number(self) -> str:
        """"191/KH-UBND", "05-KH/TU"."""
        return f"{self.serial}/KH-UBND" if self.branch == "state" else f"{self.serial}-KH/{self.party[1]}"

    @property
    def issuer(self) -> str:
        """The issuer as a citation from the level below names it."""
        if self.branch == "state":
            return f"UBND {self.unit.label}"
        return self.party[2] if self.unit.level != "commune" else f"Đảng ủy {self.unit.label}"

    @property
    def id_key(self) -> tuple[str, str, int]:
        """What the canonical id says besides the number: organ, unit and year. The unit is
        slugged and carries no province: "xã Bình Ân" (Tiền Giang) and "xã Bình An" (Quảng Nam)
        share a key, so their plans must not share a number in a year, or their ids would too."""
        unit = self.unit.province if self.unit.level == "province" else self.unit.label
        return (self.branch, slug(unit), self.date.year)

    @property
    def id(self) -> str:
        """The canonical id luocdo gives this plan: "191/KH-UBND@ubnd-ha-tinh@2022"."""
        organ = "UBND" if self.branch == "state" else self.party[3]
        unit = self.unit.province if self.unit.level == "province" else self.unit.label
        return f"{self.number}@{slug(f'{organ} {unit}')}@{self.date.year}"


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class PlanMaker:
    """Campaigns of plans down the levels, with numbers unique per issuer and year."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: dict[tuple[str, str, int], set[int]] = {}
        self.topics = topics()

    def _serial(self, key: tuple[str, str, int], level: str) -> int:
        taken = self.used.setdefault(key, set())
        top = {"province": 600, "district": 300, "commune": 120}[level]
        while True:
            n = self.rng.randint(1, top + len(taken))
            if n not in taken:
                taken.add(n)
                return n

    def plan(self, unit: Unit, branch: str, date: dt.date, topic: Topic, parent: Plan | None) -> Plan:
        p = Plan(unit, branch, 0, date, topic, parent)
        while p.serial in (0, parent.serial if parent else 0):  # a plan citing its own number cites itself
            p.serial = self._serial(p.id_key, unit.level)
        if parent is not None:
            parent.children.append(p)
        return p

    def campaign(self, province: Province, *, district_share: float, commune_share: float,
                 budget: int) -> Iterator[Plan]:
        """One province plan and the district and commune plans under it, at most ``budget`` in all."""
        rng = self.rng
        branch = "party" if rng.random() < 0.25 else "state"
        start = _day_between(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=120))
        topic = rng.choice([t for t in self.topics if citable(t.implements, start)] or self.topics)
        top = self.plan(province.unit, branch, start, topic, None)
        yield top
        made = 1
        for district in province.districts:
            if made >= budget:
                return
            if rng.random() > district_share:
                continue
            d_day = min(LAST_DAY, start + dt.timedelta(days=rng.randint(3, 45)))
            mid = self.plan(district, branch, d_day, topic, top)
            yield mid
            made += 1
            for commune in province.communes[district.label]:
                if made >= budget:
                    return
                if rng.random() > commune_share:
                    continue
                c_day = min(LAST_DAY, d_day + dt.timedelta(days=rng.randint(2, 40)))
                leaf = self.plan(commune, branch, c_day, topic, mid)
                leaf.blank_number = rng.random() < 0.04
                yield leaf
                made += 1


def make_plans(count: int, seed: int, *, district_share: float = 0.85, commune_share: float = 0.4) -> list[Plan]:
    """``count`` plans in campaigns over random provinces, parents before children."""
    rng = random.Random(seed)
    maker = PlanMaker(rng)
    provinces = country()
    plans: list[Plan] = []
    while len(plans) < count:
        province = rng.choice(provinces)
        plans.extend(maker.campaign(province, district_share=district_share, commune_share=commune_share,
                                    budget=count - len(plans)))
    return plans


# --- texts ---------------------------------------------------------------------------------------

_FILLER = (
    "Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - "
    "xã hội trong việc {subject} trên địa bàn {where}.",
    "Bảo đảm công khai, minh bạch hoạt động của cơ quan, đơn vị, địa phương; phát huy quyền làm chủ của cán "
    "bộ, công chức, viên chức, người lao động và Nhân dân theo phương châm “Dân biết, dân bàn, dân làm, dân "
    "kiểm tra, dân giám sát, dân thụ hưởng”.",
    "Việc triển khai thực hiện phải nghiêm túc, thiết thực, hiệu quả, tránh hình thức; gắn với nhiệm vụ "
    "chính trị, chuyên môn của từng cơ quan, đơn vị, địa phương.",
    "Kịp thời nắm bắt tình hình, tâm tư, nguyện vọng của Nhân dân; giải quyết dứt điểm những vấn đề bức xúc, "
    "kiến nghị chính đáng, không để xảy ra điểm nóng, khiếu kiện đông người, vượt cấp.",
    "Người đứng đầu cơ quan, đơn vị, địa phương chịu trách nhiệm trước cấp trên về kết quả {subject} tại "
    "đơn vị mình; định kỳ sơ kết, tổng kết, rút kinh nghiệm.",
    "Tăng cường công tác kiểm tra, giám sát; biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành "
    "tích xuất sắc, xử lý nghiêm các trường hợp vi phạm.",
    "Đa dạng hóa hình thức tuyên truyền qua hệ thống truyền thanh cơ sở, hội nghị, sinh hoạt chi bộ, tổ "
    "dân phố, thôn, xóm và trên các nền tảng số.",
    "Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc Việt Nam {where} và các tổ chức chính trị - xã hội cùng "
    "cấp trong việc giám sát, phản biện xã hội.",
    "Rà soát, sửa đổi, bổ sung quy chế làm việc, quy chế phối hợp, quy chế chi tiêu nội bộ, quy chế quản lý "
    "tài sản công bảo đảm đúng quy định, phù hợp với tình hình thực tiễn.",
    "Thực hiện tốt việc công khai các thủ tục hành chính, quy hoạch, kế hoạch sử dụng đất, dự toán và quyết "
    "toán ngân sách, các khoản đóng góp của Nhân dân.",
    "Xây dựng và nhân rộng các mô hình, điển hình “Dân vận khéo”, cách làm hay, sáng tạo trong {subject}.",
    "Chỉ đạo các thôn, tổ dân phố tổ chức hội nghị để Nhân dân bàn và quyết định trực tiếp những nội dung "
    "thuộc phạm vi cộng đồng dân cư.",
)
_TASKS = ("Công tác lãnh đạo, chỉ đạo", "Công tác tuyên truyền, phổ biến", "Công khai thông tin",
          "Kiểm tra, giám sát", "Chế độ thông tin, báo cáo", "Kinh phí thực hiện")
_PEOPLE = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Minh", "Phạm Đức Thắng", "Hoàng Thị Lan",
           "Võ Văn Tâm", "Đặng Hữu Phước", "Bùi Thị Hạnh", "Đỗ Minh Tuấn", "Ngô Thanh Bình")


def _header(plan: Plan) -> list[str]:
    u = plan.unit
    number = "/KH-UBND" if plan.blank_number and plan.branch == "state" else \
        f"-KH/{plan.party[1]}" if plan.blank_number else plan.number
    if plan.branch == "state":
        lines = ["ỦY BAN NHÂN DÂN", u.label.upper(), "", f"Số: {number}", "",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    else:
        organ = plan.party[0]
        if u.level == "province":
            lines = [f"{organ} {u.name.upper()}"]
        elif u.level == "district":
            lines = [f"ĐẢNG BỘ {province_kind(u.province, REGISTER_DAY).upper()} {u.province.upper()}",
                     f"{organ} {u.name.upper()}"]
        else:
            lines = [f"ĐẢNG BỘ {(u.district or '').upper()}", f"{organ} {u.label.upper()}"]
        lines += ["*", f"Số {number}", "", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    d = plan.date
    return [*lines, "", f"{u.name}, ngày {d.day:02d} tháng {d.month} năm {d.year}", ""]


def _where(plan: Plan) -> str:
    return plan.unit.label


def _preamble(plan: Plan, rng: random.Random) -> list[str]:
    """"Căn cứ …;" lines, then "Thực hiện …" of the plan above (or the national documents)."""
    lines = []
    for doc in rng.sample(citable(plan.topic.based_on, plan.date), k=min(2, len(citable(plan.topic.based_on,
                                                                                          plan.date)))):
        lines.append(f"Căn cứ {doc.full()};")
    doing = []
    if plan.parent is not None:
        p = plan.parent
        doing.append(f"Kế hoạch số {p.number} ngày {_dmy(p.date)} của {p.issuer} về {plan.topic.subject}")
    else:
        for doc in citable(plan.topic.implements, plan.date)[:2]:
            doing.append(doc.full())
    organ = "Ủy ban nhân dân" if plan.branch == "state" else ("Ban Thường vụ" if plan.unit.level != "commune"
                                                              else "Đảng ủy")
    unit = plan.unit.label if plan.unit.level != "province" else plan.unit.kind
    if doing:
        lines.append(f"Thực hiện {'; '.join(doing)}, {organ} {unit} ban hành Kế hoạch {plan.topic.subject} "
                     f"trên địa bàn {_where(plan)} năm {plan.date.year} như sau:")
    return lines


def _body_citations(plan: Plan, rng: random.Random) -> tuple[str, list[National]]:
    """The "trọng tâm là: …" sentence, and the documents it cited (for short forms later)."""
    pool = citable(plan.topic.cites + plan.topic.based_on, plan.date)
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
    if not chosen:
        return "", []
    return ("Tiếp tục quán triệt, tuyên truyền, triển khai thực hiện có hiệu quả các chủ trương của Đảng, chính "
            "sách, pháp luật của Nhà nước, trọng tâm là: " + "; ".join(d.full() for d in chosen) + "."), chosen


def render(plan: Plan, rng: random.Random) -> str:
    """The text of one plan, 8–25 kB, shaped like the seeds."""
    subject, where = plan.topic.subject, _where(plan)
    fill = [f.format(subject=subject, where=where) for f in _FILLER]
    title = f"{subject[:1].upper()}{subject[1:]} trên địa bàn {where} năm {plan.date.year}"
    out = [*_header(plan), "KẾ HOẠCH", title, ""]
    out += [*_preamble(plan, rng), "", "I. MỤC ĐÍCH, YÊU CẦU", "", "1. Mục đích", ""]
    out += [f"- {s}" for s in rng.sample(fill, 4)] + ["", "2. Yêu cầu", ""]
    out += [f"- {s}" for s in rng.sample(fill, 3)] + ["", "II. NỘI DUNG THỰC HIỆN", ""]
    cites, chosen = _body_citations(plan, rng)
    for i, task in enumerate(rng.sample(_TASKS, rng.randint(3, len(_TASKS))), start=1):
        out += [f"{i}. {task}", ""]
        if i == 1 and cites:
            out += [cites, ""]
        out += [rng.choice(fill) for _ in range(rng.randint(3, 9))] + [""]
        if i == 2 and chosen:
            doc = rng.choice(chosen)
            out += [f"Các cơ quan, đơn vị tổ chức thực hiện theo đúng quy định tại Điều {rng.randint(2, 40)} "
                    f"{doc.short()}.", ""]
    out += ["III. TỔ CHỨC THỰC HIỆN", ""]
    out += [f"{rng.choice(fill)} {rng.choice(fill)}" for _ in range(rng.randint(4, 12))]
    if plan.parent is not None:
        out += ["", f"Định kỳ trước ngày 15 tháng 12 hằng năm báo cáo kết quả về {plan.parent.issuer} theo "
                    "yêu cầu của Kế hoạch cấp trên.", ""]
    out += _closing(plan, rng)
    return "\n".join(out) + "\n"


def _closing(plan: Plan, rng: random.Random) -> list[str]:
    above = plan.parent.issuer if plan.parent else "Thường trực Tỉnh ủy"
    organ = "TM. ỦY BAN NHÂN DÂN" if plan.branch == "state" else "T/M BAN THƯỜNG VỤ" \
        if plan.unit.level != "commune" else "T/M ĐẢNG ỦY"
    role = "KT. CHỦ TỊCH" if plan.branch == "state" else "PHÓ BÍ THƯ"
    return ["", "Nơi nhận:", f"- {above} (b/c);", "- Các cơ quan, đơn vị liên quan;", "- Lưu: VT.", "",
            organ, role, "PHÓ CHỦ TỊCH" if plan.branch == "state" else "", "", rng.choice(_PEOPLE)]


def file_name(i: int, plan: Plan) -> str:
    return f"{i:06d}-{plan.unit.level}-{plan.branch}-{plan.date.isoformat()}.txt"


@dataclass
class CorpusInfo:
    files: int
    bytes: int
    plans: list[Plan]
    links: int  # plan → plan "Thực hiện Kế hoạch số …" a reader can resolve (the cited plan has its number)


def write_corpus(folder: Path, count: int, seed: int) -> CorpusInfo:
    """Write ``count`` plan texts into ``folder`` (created); deterministic for a seed."""
    folder.mkdir(parents=True, exist_ok=True)
    plans = make_plans(count, seed)
    rng = random.Random(seed + 1)
    size = 0
    for i, plan in enumerate(plans):
        data = render(plan, rng).encode("utf-8")
        (folder / file_name(i, plan)).write_bytes(data)
        size += len(data)
    links = sum(1 for p in plans if p.parent is not None and not p.parent.blank_number)
    return CorpusInfo(len(plans), size, plans, links)
