"""The graph's vocabulary: documents as nodes, citations and reference facts as edges.

Plain data objects, the same whatever holds them (a networkx ``MultiDiGraph``, LadybugDB, Neo4j).
Missing values are ``None``, never ``""``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from luocdo.graph.search import search_text
from luocdo.ingest.kinds import Relation, Status

# What a document says about the one it cites, strongest first.
CITATION_RELATIONS = tuple(r.edge_type for r in Relation)
# Validity facts: the first document replaces / amends / repeals / suspends the second. They come
# from the reference data (``origin`` its source) or from a text (``origin`` the document that says
# it, with the span of its sentence).
VALIDITY_RELATIONS = ("REPLACES", "AMENDS", "REPEALS", "SUSPENDS")
REFERENCE_RELATIONS = VALIDITY_RELATIONS
RELATIONS = CITATION_RELATIONS + VALIDITY_RELATIONS
# What an act of the text is called in the graph.
ACT_RELATIONS = {"repeals": "REPEALS", "replaces": "REPLACES", "amends": "AMENDS", "suspends": "SUSPENDS"}

STATUSES = tuple(Status)


def _row(item: Any) -> dict[str, Any]:
    """The fields as a dict, empty strings as None (fields are plain values: no deep copy)."""
    return {f.name: (None if (v := getattr(item, f.name)) == "" else v) for f in fields(item)}


def with_search(properties: dict[str, Any]) -> dict[str, Any]:
    """A node's properties with the ``search`` text a store keeps for them."""
    p = properties
    return p | {"search": search_text(p["id"], p["number"], p["type"], p["title"], p["issuer"])}


@dataclass
class DocumentNode:
    """One real document, read from a file (``in_corpus``) or known because something cites it."""

    id: str  # canonical id: "10/2022/QH15", "191/KH-UBND@ubnd-ha-tinh@2022", "file:…" for unnumbered files
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    branch: str | None = None  # "state" | "party"
    level: str | None = None  # "national" | "province" | "district" | "commune"
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    date: str | None = None  # signed, ISO, possibly partial ("2022-06")
    title: str | None = None
    status: str | None = None  # one of STATUSES; None when nothing is known
    effective_from: str | None = None
    effective_to: str | None = None  # the day it stopped being in force, when it has
    # What the document's own text says of its dates; effective_from/_to hold the reference data's
    # value when it has one, else these.
    text_effective_from: str | None = None
    text_effective_to: str | None = None
    in_corpus: bool = False
    source: str | None = None  # the file it was read from
    sha256: str | None = None
    citation_count: int = 0  # outgoing citation edges the file gave; lets a reader check a file landed whole
    verified: bool | None = None  # for reference facts: confirmed from a cited source
    extracted_by: str | None = None  # the rules that read its file (graph/provenance.py); other rules: read again

    def properties(self) -> dict[str, Any]:
        """The node's properties (empty text as ``None``), without its ``search`` text."""
        return _row(self)

    def to_row(self) -> dict[str, Any]:
        """The node's properties, for a store (empty text as ``None``), with its ``search`` text."""
        return with_search(_row(self))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DocumentNode:
        """A node from a store row (unknown keys ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass
class CitationEdge:
    """One citation: the citing document points at the cited one, with the words that did it."""

    citing: str  # DocumentNode.id
    cited: str
    relation: str  # one of CITATION_RELATIONS
    start_offset: int  # span in the citing file's original text
    end_offset: int
    text: str  # the mention as written
    sentence: str | None = None
    pinpoint: str | None = None  # "khoản 2 Điều 85"
    form: str | None = None  # "full" | "short" | "name" | "alias"
    verb: str | None = None  # "Thực hiện", "Căn cứ", "theo"
    cited_number: str | None = None  # what the citation said, before normalising
    cited_date: str | None = None
    cited_type: str | None = None
    cited_issuer: str | None = None

    def to_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass
class ReferenceEdge:
    """A validity fact: ``source`` replaces / amends / repeals / suspends ``target`` from ``since``.

    From the reference data (``origin`` a URL or file, ``verified`` whether a cited source
    confirms it), or read in a text (``origin`` the id of the document that says it; the span of
    its sentence in that document's file, and the sentence)."""

    source: str
    target: str
    relation: str  # one of VALIDITY_RELATIONS (or IMPLEMENTS / BASED_ON, when the data ties acts together)
    since: str | None = None
    origin: str | None = None
    scope: str | None = None  # "whole" | "part"
    pinpoint: str | None = None  # the part, for scope "part": "khoản 1 Điều 3"
    start_offset: int | None = None  # set only for a fact read in a text
    end_offset: int | None = None
    sentence: str | None = None
    verified: bool | None = None

    @property
    def from_text(self) -> bool:
        return self.start_offset is not None

    def to_row(self) -> dict[str, Any]:
        return _row(self)


@dataclass
class FileGraph:
    """What one file adds to the graph; ingested whole or not at all."""

    document: DocumentNode
    cited: list[DocumentNode] = field(default_factory=list)  # stubs for the documents it cites
    citations: list[CitationEdge] = field(default_factory=list)
    validity: list[ReferenceEdge] = field(default_factory=list)  # the facts its text states (origin: it)
    unresolved: int = 0  # citations found but not tied to any document

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its citations as tuples: an extraction worker sends each file's graph to the
        process that stores it, and 100,000 citations cost a second as objects. (graph/build.py
        makes equal mentions and sentences one object each, which pickle writes once.)"""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["citations"] = [_EDGE_VALUES(e) for e in self.citations]
        return (_unpickled_file_graph, (state,))


def _unpickled_file_graph(state: dict[str, Any]) -> FileGraph:
    state["citations"] = [CitationEdge(*values) for values in state["citations"]]
    return FileGraph(**state)


_EDGE_VALUES = attrgetter(*(f.name for f in fields(CitationEdge)))
