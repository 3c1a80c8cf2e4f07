"""The Cypher that writes the graph, the same on every backend but for how a value is typed.

LadybugDB types a batch parameter from its values, so a column that is null in every row of a
batch must be cast back to its type; Neo4j and FalkorDB need no cast. Each builder takes the
dialect's ``typed(column, expression)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from luocdo.graph.model import RELATIONS, VALIDITY_RELATIONS, CitationEdge, DocumentNode, ReferenceEdge

Typed = Callable[[str, str], str]

INT_COLUMNS = frozenset({"citation_count", "start_offset", "end_offset"})
BOOL_COLUMNS = frozenset({"in_corpus", "verified"})
NODE_COLUMNS = (*(f.name for f in fields(DocumentNode)), "search")
EDGE_COLUMNS = tuple(f.name for f in fields(CitationEdge) if f.name not in ("citing", "cited", "relation"))
VALIDITY_COLUMNS = tuple(f.name for f in fields(ReferenceEdge) if f.name not in ("source", "target", "relation"))
_OWN_DATES = ("effective_from", "effective_to")


def untyped(column: str, expr: str) -> str:
    """Neo4j and FalkorDB: a value is what it is."""
    return expr


@dataclass(frozen=True)
class WriteStatements:
    """Every write statement luocdo runs, for one dialect."""

    typed: Typed = untyped

    def _set(self, columns: Iterable[str], file_wins: bool) -> str:
        if file_wins:
            return ", ".join(f"d.{c} = coalesce({self.typed(c, 'row.' + c)}, d.{c})" for c in columns)
        return ", ".join(f"d.{c} = coalesce(d.{c}, {self.typed(c, 'row.' + c)})" for c in columns)

    @property
    def upsert_file_nodes(self) -> str:
        """A file's own node: what the file says wins; the reference data's validity stays. Its
        own dates: ``text_effective_*`` as the text says them now, and ``effective_*`` too unless
        they hold another value than the text's last one (then they are the reference data's)."""
        columns = [c for c in NODE_COLUMNS
                   if c not in ("id", "status", "verified", *_OWN_DATES, *(f"text_{c}" for c in _OWN_DATES))]
        own_dates = ", ".join(f"d.{c} = CASE WHEN d.{c} IS NULL OR d.{c} = d.text_{c} THEN {self.typed(c, 'row.' + c)} "
                          f"ELSE d.{c} END, d.text_{c} = {self.typed(c, 'row.text_' + c)}" for c in _OWN_DATES)
        return f"UNWIND $rows AS row MERGE (d:Document {{id: row.id}}) SET {own_dates}, {self._set(columns, True)}"

    @property
    def upsert_cited_nodes(self) -> str:
        """A document known from a citation: fills only what is not known yet."""
        columns = [c for c in NODE_COLUMNS if c not in ("id", "in_corpus", "citation_count")]
        return f"UNWIND $rows AS row MERGE (d:Document {{id: row.id}}) SET {self._set(columns, False)}{_CORPUS_FLAGS}"

    @property
    def upsert_reference_nodes(self) -> str:
        """The reference data: its facts win; its gaps do not erase what files said."""
        columns = [c for c in NODE_COLUMNS if c not in ("id", "in_corpus", "source", "sha256", "citation_count")]
        return f"UNWIND $rows AS row MERGE (d:Document {{id: row.id}}) SET {self._set(columns, True)}{_CORPUS_FLAGS}"

    @property
    def replace_nodes(self) -> str:
        """Nodes copied from another store, exactly as they were."""
        columns = [c for c in NODE_COLUMNS if c != "id"]
        return ("UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET "
                + ", ".join(f"d.{c} = {self.typed(c, 'row.' + c)}" for c in columns))

    def create_citations(self, relation: str) -> str:
        _check(relation)
        props = ", ".join(f"{c}: {self.typed(c, 'row.' + c)}" for c in EDGE_COLUMNS)
        return (f"UNWIND $rows AS row MATCH (a:Document {{id: row.citing}}) MATCH (b:Document {{id: row.cited}}) "
                f"CREATE (a)-[:{relation} {{{props}}}]->(b)")

    @staticmethod
    def merge_reference_edges(relation: str) -> str:
        """Reference facts, one per source, relation, target and origin (loading twice adds nothing)."""
        _check(relation)
        return (f"UNWIND $rows AS row MATCH (a:Document {{id: row.source}}) MATCH (b:Document {{id: row.target}}) "
                f"MERGE (a)-[r:{relation} {{origin: row.origin}}]->(b) SET r.since = row.since")

    def merge_validity_facts(self, relation: str) -> str:
        """Reference validity facts, as :meth:`merge_reference_edges`, with scope, pinpoint and
        whether they are verified."""
        if relation not in VALIDITY_RELATIONS:
            raise ValueError(f"not a validity relation: {relation!r}")
        props = ", ".join(f"r.{c} = {self.typed(c, 'row.' + c)}" for c in VALIDITY_COLUMNS
                          if c not in ("since", "origin"))
        return self.merge_reference_edges(relation) + ", " + props

    def create_text_facts(self, relation: str) -> str:
        """Validity facts a file's text states (its old ones deleted first: :data:`DELETE_TEXT_FACTS`)."""
        if relation not in VALIDITY_RELATIONS:
            raise ValueError(f"not a validity relation: {relation!r}")
        props = ", ".join(f"{c}: {self.typed(c, 'row.' + c)}" for c in VALIDITY_COLUMNS)
        return (f"UNWIND $rows AS row MATCH (a:Document {{id: row.source}}) MATCH (b:Document {{id: row.target}}) "
                f"CREATE (a)-[:{relation} {{{props}}}]->(b)")


_CORPUS_FLAGS = ", d.in_corpus = coalesce(d.in_corpus, false), d.citation_count = coalesce(d.citation_count, 0)"

# Statements over a list take it as ``$rows`` (of ``{"id": …}``), so that every backend can batch it.
DELETE_OUTGOING = ("UNWIND $rows AS row MATCH (d:Document {id: row.id})-[r:IMPLEMENTS|BASED_ON|CITES]->() "
                   "WHERE r.origin IS NULL DELETE r")
# What a file's text said of validity goes with it: facts whose origin is its document and that
# have a span (reference facts have none, and stay). The relations are VALIDITY_RELATIONS.
DELETE_TEXT_FACTS = ("UNWIND $rows AS row MATCH (:Document)-[r:REPLACES|AMENDS|REPEALS|SUSPENDS]->(:Document) "
                     "WHERE r.origin = row.id AND r.start_offset IS NOT NULL DELETE r")
# A file now read as another document (its number was edited): what the old node said goes, the
# node with it when nothing else names it; else it stays as a document known from citations only.
# (One scan for the whole batch: an UNWIND would match the sources one by one.)
DOCUMENTS_OF_SOURCES = "MATCH (d:Document) WHERE d.source IN $sources RETURN d.source AS source, d.id AS id"
DELETE_OLD_OUTGOING = ("UNWIND $rows AS row MATCH (d:Document {source: row.source})-[r:IMPLEMENTS|BASED_ON|CITES]->() "
                       "WHERE d.id <> row.id AND r.origin IS NULL DELETE r")
DELETE_OLD_TEXT_FACTS = ("UNWIND $rows AS row MATCH (d:Document {source: row.source}) WHERE d.id <> row.id "
                         "MATCH (:Document)-[r:REPLACES|AMENDS|REPEALS|SUSPENDS]->(:Document) "
                         "WHERE r.origin = d.id AND r.start_offset IS NOT NULL DELETE r")
DELETE_OLD_ALONE = ("UNWIND $rows AS row MATCH (d:Document {source: row.source}) "
                    "WHERE d.id <> row.id AND NOT (d)--() DELETE d")
RELEASE_OLD = ("UNWIND $rows AS row MATCH (d:Document {source: row.source}) WHERE d.id <> row.id "
               "SET d.in_corpus = false, d.source = NULL, d.sha256 = NULL, d.extracted_by = NULL, d.citation_count = 0")
# What the store holds of a file's document, and how many of its citations landed (a file is
# "unchanged" only when all of them did: a crash must not leave it half there for good).
KNOWN_FILES = ("UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
               "OPTIONAL MATCH (d)-[r:IMPLEMENTS|BASED_ON|CITES]->(:Document) WHERE r.origin IS NULL "
               "RETURN d.id AS id, d.sha256 AS sha256, d.source AS source, d.in_corpus AS in_corpus, "
               "d.citation_count AS expected, d.extracted_by AS extracted_by, count(r) AS stored")
EXISTING_IDS = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) RETURN d.id AS id"
STORED_NODES = ("UNWIND $rows AS row MATCH (d:Document {id: row.id}) RETURN "
                + ", ".join(f"d.{c} AS {c}" for c in NODE_COLUMNS))
IDS_STARTING = ("UNWIND $rows AS row MATCH (d:Document) WHERE d.id STARTS WITH row.prefix "
                "RETURN row.prefix AS prefix, d.id AS id")
READ_META = "MATCH (m:Meta {key: $key}) RETURN m.value AS value"
WRITE_META = "MERGE (m:Meta {key: $key}) SET m.value = $value"
COUNT_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS n"
COUNT_IN_CORPUS = "MATCH (d:Document) WHERE d.in_corpus = true RETURN count(d) AS n"


def _check(relation: str) -> None:
    """Relationship types are part of the statement's text: only luocdo's own may get there."""
    if relation not in RELATIONS:
        raise ValueError(f"not a relation of the graph: {relation!r}")


def count_edges(relation: str) -> str:
    _check(relation)
    return f"MATCH (:Document)-[e:{relation}]->(:Document) RETURN count(e) AS n"
