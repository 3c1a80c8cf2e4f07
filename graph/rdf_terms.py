"""The names the RDF export uses: namespaces, the luocdo vocabulary, IRIs for documents and the
things around them, and dates as typed literals. See docs/linked-data.md.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib.resources import files

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from luocdo.graph.model import DocumentNode

ELI = Namespace("http://data.europa.eu/eli/ontology#")
LUOCDO = Namespace("https://luocdo.example/vocab#")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
DEFAULT_BASE = "https://luocdo.example/eli/"
VIETNAM = COUNTRY.VNM
PREFIXES = {"eli": ELI, "luocdo": LUOCDO, "skos": SKOS, "xsd": XSD, "rdf": RDF}

IN_FORCE = {"in force": ELI["InForce-inForce"], "partly expired": ELI["InForce-partiallyInForce"],
            "expired": ELI["InForce-notInForce"]}
# Segments under the base that are not document types.
_RESERVED = {"agent", "place", "citation", "fact", "file", "name", "type"}


@cache
def vocabulary() -> Graph:
    """data/vocabulary.ttl: every term luocdo adds to ELI (shared: do not change it)."""
    graph = Graph()
    graph.parse(data=files("luocdo.data").joinpath("vocabulary.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


@cache
def _concepts(kind: URIRef, by_notation: bool) -> dict[str, URIRef]:
    vocab = vocabulary()
    found: dict[str, URIRef] = {}
    for concept in vocab.subjects(RDF.type, kind):
        key = vocab.value(concept, SKOS.notation) if by_notation else \
            next((v for v in vocab.objects(concept, SKOS.prefLabel) if getattr(v, "language", None) == "vi"), None)
        if key is not None and isinstance(concept, URIRef):
            found[str(key)] = concept
    return found


def document_type(name: str, base: str) -> tuple[URIRef, bool]:
    """The concept for a Vietnamese type name, and whether the vocabulary defines it (else it is
    minted under the base)."""
    known = _concepts(LUOCDO.DocumentType, False).get(name)
    return (known, True) if known else (URIRef(f"{base}type/{fold(name) or 'unknown'}"), False)


def level(name: str) -> URIRef | None:
    return _concepts(LUOCDO.Level, True).get(name)


def branch(name: str) -> URIRef | None:
    return _concepts(LUOCDO.Branch, True).get(name)


def check_base(base: str) -> str:
    """An absolute http(s) IRI ending in '/' or '#' (one is added); raises ``ValueError``."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", base):
        raise ValueError(f"the base must be an absolute http(s) IRI, not {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def fold(text: str) -> str:
    """ASCII, lower case, for an IRI segment: "Nghị định" → "nghi-dinh", "10/2022/QH15" → "10_2022_qh15"
    ('/' kept apart as '_' so that "30-CT/TW" and "30/CT-TW" stay apart)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().replace("/", "_")
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9_.~]+", "-", ascii_text)).strip("-_")


def _year(node: DocumentNode) -> str:
    """The year in the number ("…/2022/…"), else in the id ("…@2018"), else of the date."""
    for text, pattern in ((node.number or "", r"/(\d{4})/"), (node.id, r"@(\d{4})$"), (node.date or "", r"^(\d{4})")):
        if m := re.search(pattern, text):
            return m.group(1)
    return "undated"


def document_path(node: DocumentNode) -> str:
    """The readable part of a document's IRI: ``type/issuer/year/number``; ``name/NAME`` for one
    known by its name ("name:Nghị quyết Đại hội …"); ``file/NAME~HASH`` for a file without a number
    (its canonical id is all that names it)."""
    if not node.number and node.id.startswith("name:"):
        return "name/" + fold(node.id.removeprefix("name:"))
    if not node.number:
        return "file/" + fold(node.id.removeprefix("file:"))
    kind = fold(node.type or "") or "van-ban"
    kind = f"type-{kind}" if kind in _RESERVED else kind
    return "/".join((kind, fold(node.issuer or "") or "unknown", _year(node), fold(node.number)))


def _short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def mint(keys: Iterable[str], path: dict[str, str], base: str) -> dict[str, URIRef]:
    """IRIs for ``keys`` from their readable paths; keys whose paths coincide each get ``~HASH`` of the
    key, so two keys never share an IRI and the same input always gives the same IRIs."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[path[key]].append(key)
    iris = {}
    for readable, members in groups.items():
        for key in members:
            suffix = f"~{_short_hash(key)}" if len(members) > 1 else ""
            iris[key] = URIRef(base + readable + suffix)
    return iris


def document_iris(nodes: Iterable[DocumentNode], base: str) -> dict[str, URIRef]:
    """Each document's IRI, by canonical id."""
    nodes = list(nodes)
    return mint((n.id for n in nodes), {n.id: document_path(n) for n in nodes}, base)


def named_iris(names: Iterable[str], folder: str, base: str) -> dict[str, URIRef]:
    """IRIs for things known by a name (issuers): ``folder/slug``."""
    names = sorted(set(names))
    return mint(names, {n: f"{folder}/{fold(n) or 'unknown'}" for n in names}, base)


def link_iris(keys: list[str], folder: str, base: str) -> list[URIRef]:
    """IRIs for edges from a key describing each (repeated keys: identical edges numbered in order)."""
    seen: defaultdict[str, int] = defaultdict(int)
    out = []
    for key in keys:
        seen[key] += 1
        n = seen[key]
        out.append(URIRef(f"{base}{folder}/{_short_hash(key, 16)}" + (f"-{n}" if n > 1 else "")))
    return out


def date_literal(text: str | None) -> tuple[Literal, bool] | None:
    """A date as luocdo holds it, typed: (literal, full). Full dates are ``xsd:date``; "2022-06" is
    ``xsd:gYearMonth`` and "2022" ``xsd:gYear`` (``full`` false); anything else is left out."""
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None
        return Literal(text, datatype=XSD.date), True
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Literal(text, datatype=XSD.gYearMonth), False
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear), False
    return None
