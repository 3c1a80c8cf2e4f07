"""The large benchmark graph, built directly as :class:`FileGraph` objects (no text to read).

Same shape as the synthetic corpus (``synthetic.py``), at a size too large to write as text:

* national documents: the reference data, plus synthetic decrees, circulars and Prime Minister's
  decisions (1 % of the documents) that implement laws and each other — law ← decree ← circular;
* campaigns of plans: a province plan implementing national documents, district plans implementing
  it, commune plans implementing those, so chains run 3–5 steps from a law down to a commune;
* about ten citation edges per document: "Thực hiện" (IMPLEMENTS) the plan above, "Căn cứ"
  (BASED_ON) one to three national documents, and CITES of the topic's documents, of popular
  national documents (Zipf-weighted: the hubs), of local decisions and letters known only from the
  citation, and repeated short mentions. Topics list expired documents (34/2007/PL-UBTVQH11,
  04/2015/NĐ-CP, …), so later plans cite documents no longer in force.

Ids are built the way luocdo builds them for a read file (``Plan.id``), and every ``FileGraph``
carries stub nodes for what it cites, as :func:`luocdo.graph.build.file_graph` does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from synthetic import National, Plan, Topic, citable, make_plans, nationals, topics

from luocdo.graph.model import CitationEdge, DocumentNode, FileGraph
from luocdo.graph.reference import ReferenceGraph, reference_graph
from luocdo.ingest.resolve import slug

MINISTRIES = ("BNV", "BTP", "BTC", "BLĐTBXH", "BVHTTDL", "BTTTT")
LAST_NATIONAL_DAY = dt.date(2025, 5, 31)


@dataclass
class SyntheticGraph:
    """The files' graphs, and the ids the queries draw their parameters from."""

    graphs: list[FileGraph]
    national_targets: list[str] = field(default_factory=list)  # national ids something implements/is based on
    province_plans: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # every in-corpus id

    @property
    def edges(self) -> int:
        return sum(len(g.citations) for g in self.graphs)


@dataclass
class _Target:
    """A document a citation can point at: its stub node and how a mention of it reads."""

    node: DocumentNode
    mention: str
    short: str


class GraphMaker:
    """Builds the graphs in order, parents before children, so every cited plan already exists."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.targets: dict[str, _Target] = {}
        self.graphs: list[FileGraph] = []
        self.implemented: set[str] = set()  # national ids with an IMPLEMENTS / BASED_ON edge in
        self.by_topic: dict[str, list[National]] = {}  # synthetic national documents per topic subject
        for doc in nationals().values():
            self._add_national(doc)
        popular = sorted(nationals())
        self.rng.shuffle(popular)
        self.popular = popular
        self.popular_weights = [1.0 / (rank + 1) for rank in range(len(popular))]

    # -- targets ----------------------------------------------------------------------------------

    def _add_national(self, doc: National) -> None:
        node = DocumentNode(id=doc.id, type=doc.type, number=doc.number, issuer=doc.issuer, branch="state",
                            level="national", date=doc.date.isoformat())
        self.targets[doc.id] = _Target(node, doc.full(), doc.short())

    def _add_plan(self, plan: Plan) -> None:
        u = plan.unit
        node = DocumentNode(id=plan.id, type="Kế hoạch", number=plan.number, issuer=plan.issuer,
                            branch=plan.branch, level=u.level, province=u.province,
                            district=u.label if u.level == "district" else u.district,
                            commune=u.label if u.level == "commune" else None, date=plan.date.isoformat())
        mention = f"Kế hoạch số {plan.number} ngày {plan.date.day:02d}/{plan.date.month}/{plan.date.year} " \
                  f"của {plan.issuer}"
        self.targets[plan.id] = _Target(node, mention, f"Kế hoạch số {plan.number}")

    def _local_stub(self, plan: Plan) -> _Target:
        """A provincial decision or letter known only because the plan cites it."""
        rng, province = self.rng, plan.unit.province
        year = rng.randint(2016, plan.date.year)
        if rng.random() < 0.5:
            number = f"{rng.randint(1, 80)}/{year}/QĐ-UBND"
            doc_id, kind = f"{number}@{slug(province)}", "Quyết định"
        else:
            number = f"{rng.randint(1, 6000)}/UBND-{rng.choice(('VX', 'NC', 'KT', 'TH'))}"
            doc_id, kind = f"{number}@{slug('UBND ' + province)}@{year}", "Công văn"
        if doc_id not in self.targets:
            node = DocumentNode(id=doc_id, type=kind, number=number, issuer=f"UBND tỉnh {province}", branch="state",
                                level="province", province=province, date=str(year))
            self.targets[doc_id] = _Target(node, f"{kind} số {number} năm {year} của UBND tỉnh", f"{kind} {number}")
        return self.targets[doc_id]

    # -- national documents -----------------------------------------------------------------------

    def national_documents(self, count: int) -> None:
        """Decrees implementing laws, then circulars and decisions implementing decrees."""
        rng = self.rng
        topic_list = topics()
        laws = [d for d in nationals().values() if d.is_law]
        decrees: list[National] = []
        taken = set(self.targets)
        for i in range(count):
            topic = rng.choice(topic_list)
            kind = "Nghị định" if i < count // 3 or not decrees else rng.choice(("Thông tư", "Quyết định"))
            parent = rng.choice([d for d in laws if d.id in topic.based_on] or laws) \
                if kind == "Nghị định" else rng.choice(decrees)
            doc = self._new_national(kind, parent, taken)
            if kind == "Nghị định":
                decrees.append(doc)
            self.by_topic.setdefault(topic.subject, []).append(doc)
            self._national_graph(doc, parent, topic)
            self._add_national(doc)

    def _new_national(self, kind: str, parent: National, taken: set[str]) -> National:
        rng = self.rng
        while True:
            day = min(parent.date + dt.timedelta(days=rng.randint(30, 900)), LAST_NATIONAL_DAY)
            year = day.year
            n = rng.randint(1, 400)
            if kind == "Nghị định":
                number, issuer, doc_id = f"{n}/{year}/NĐ-CP", "Chính phủ", f"{n}/{year}/NĐ-CP"
            elif kind == "Thông tư":
                code = rng.choice(MINISTRIES)
                number, issuer, doc_id = f"{n}/{year}/TT-{code}", "Bộ trưởng", f"{n}/{year}/TT-{code}"
            else:
                number, issuer, doc_id = f"{n}/QĐ-TTg", "Thủ tướng Chính phủ", f"{n}/QĐ-TTg@{year}"
            if doc_id not in taken:
                taken.add(doc_id)
                title = f"quy định chi tiết thi hành {parent.short()}"
                return National(doc_id, number, kind, issuer, day, title, None)

    def _national_graph(self, doc: National, parent: National, topic: Topic) -> None:
        node = DocumentNode(id=doc.id, type=doc.type, number=doc.number, issuer=doc.issuer, branch="state",
                            level="national", date=doc.date.isoformat(), title=doc.title, in_corpus=True,
                            source=f"synthetic/national/{slug(doc.id)}.txt", sha256=_sha(doc.id))
        cites: list[tuple[str, str, str | None]] = [(parent.id, "IMPLEMENTS", "Căn cứ")]
        cites += [(d.id, "BASED_ON", "Căn cứ") for d in citable(topic.based_on, doc.date)[:2]]
        day = doc.date.isoformat()
        cites += [(i, "CITES", None) for i in self._popular(self.rng.randint(3, 6)) if self._before(i, day)]
        self._file_graph(node, cites)

    # -- plans ------------------------------------------------------------------------------------

    def plans(self, plans: Iterable[Plan]) -> None:
        for plan in plans:
            self._add_plan(plan)
            self._file_graph(self._plan_node(plan), self._plan_citations(plan))

    def _plan_node(self, plan: Plan) -> DocumentNode:
        node = replace(self.targets[plan.id].node, in_corpus=True, title=f"Kế hoạch {plan.topic.subject}",
                       source=f"synthetic/{plan.unit.level}/{slug(plan.id)}.txt", sha256=_sha(plan.id))
        if plan.blank_number:  # "Số: /KH-UBND": read as its own unnumbered file
            node.id, node.number = f"file:{slug(plan.id)}~{_sha(plan.id)[:8]}", None
        return node

    def _plan_citations(self, plan: Plan) -> list[tuple[str, str, str | None]]:
        """(cited id, relation, verb) for each mention, in reading order."""
        rng, day, topic = self.rng, plan.date, plan.topic
        out: list[tuple[str, str, str | None]] = []
        basis = citable(topic.based_on, day)
        out += [(d.id, "BASED_ON", "Căn cứ") for d in rng.sample(basis, k=min(rng.randint(1, 3), len(basis)))]
        if plan.parent is not None:
            out.append((plan.parent.id, "IMPLEMENTS", "Thực hiện"))
            if plan.parent.parent is not None and rng.random() < 0.3:
                out.append((plan.parent.parent.id, "CITES", "theo"))
        else:
            above = citable(topic.implements, day)[:2]
            mine = [d for d in self.by_topic.get(topic.subject, []) if d.date < day]
            if mine and rng.random() < 0.6:
                above.append(rng.choice(mine))
            out += [(d.id, "IMPLEMENTS", "Thực hiện") for d in above]
        pool = citable(topic.cites + topic.based_on, day)
        out += [(d.id, "CITES", None) for d in rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))]
        out += [(i, "CITES", None) for i in self._popular(rng.randint(0, 2)) if self._before(i, day.isoformat())]
        out += [(self._local_stub(plan).node.id, "CITES", "theo") for _ in range(rng.choices((0, 1, 2), (3, 4, 2))[0])]
        national = [c for c in out if self.targets[c[0]].node.level == "national"]
        out += [(c[0], c[1], None) for c in rng.sample(national, k=min(len(national), rng.randint(0, 2)))]
        return out

    # -- shared -----------------------------------------------------------------------------------

    def _popular(self, k: int) -> list[str]:
        return self.rng.choices(self.popular, self.popular_weights, k=k) if k else []

    def _before(self, doc_id: str, day: str) -> bool:
        return (self.targets[doc_id].node.date or "") < day

    def _file_graph(self, node: DocumentNode, cites: list[tuple[str, str, str | None]]) -> None:
        edges, seen = [], set()
        offset = 400
        for doc_id, relation, verb in cites:
            target = self.targets[doc_id]
            again = doc_id in seen
            seen.add(doc_id)
            text = target.short if again else target.mention
            form = "short" if again else "name" if target.node.type in ("Luật", "Bộ luật") else "full"
            edges.append(CitationEdge(
                citing=node.id, cited=doc_id, relation=relation, start_offset=offset, end_offset=offset + len(text),
                text=text, sentence=f"{verb or 'Thực hiện'} {target.mention};" if not again else None,
                pinpoint=f"Điều {len(text) % 40 + 1}" if again else None, form=form, verb=verb,
                cited_number=target.node.number, cited_date=target.node.date if form == "full" else None,
                cited_type=target.node.type if form == "full" else None,
                cited_issuer=target.node.issuer if form == "full" else None))
            offset += len(text) + self.rng.randint(80, 2500)
            if relation != "CITES" and target.node.level == "national":
                self.implemented.add(doc_id)
        node.citation_count = len(edges)
        self.graphs.append(FileGraph(document=node, cited=[self.targets[i].node for i in dict.fromkeys(seen)],
                                     citations=edges))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def synthetic_graph(count: int, seed: int) -> SyntheticGraph:
    """About ``count`` in-corpus documents (1 % national), with their citations."""
    maker = GraphMaker(seed)
    maker.national_documents(max(10, count // 100))
    maker.plans(make_plans(count - len(maker.graphs), seed, district_share=0.85, commune_share=0.4))
    graphs = maker.graphs
    return SyntheticGraph(
        graphs=graphs,
        national_targets=sorted(maker.implemented),
        province_plans=[g.document.id for g in graphs if g.document.level == "province"
                        and g.document.type == "Kế hoạch"],
        documents=[g.document.id for g in graphs],
    )


def reference() -> ReferenceGraph:
    """The reference data a fresh store loads by itself (the networkx twin needs it too)."""
    return reference_graph()
