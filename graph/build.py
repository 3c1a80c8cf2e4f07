"""From an extraction to the part of the graph one file contributes.

The file's own document gets the canonical id a citation of it would get, so a plan read from a
file and the same plan cited by another meet in one node. A file without a number (a draft, a
plan whose "Số: /KH-UBND" was left blank) is identified by its words: ``file:<type>~<hash>``, the
same whether it was read from a .txt, a .docx or a TCVN3 file (``file:<name>~<hash of its path>``
when no text is given).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

from luocdo.graph.model import ACT_RELATIONS, CitationEdge, DocumentNode, FileGraph, ReferenceEdge
from luocdo.graph.provenance import rules_digest
from luocdo.ingest.doctypes import type_from_number
from luocdo.ingest.issuers import Issuer, parse_issuer
from luocdo.ingest.kinds import NAMED_TYPES_OF_VALIDITY, Relation
from luocdo.ingest.laws import law_by_number
from luocdo.ingest.models import Citation, Document, Place
from luocdo.ingest.pipeline import Extraction
from luocdo.ingest.reference import lookup
from luocdo.ingest.resolve import another_act, document_id


def file_graph(extraction: Extraction) -> FileGraph:
    """The document node of the file, a node for each document it cites, and one edge per citation."""
    doc = extraction.document
    node = document_node(doc, extraction.text.text)
    context = Place(province=doc.province, district=doc.district, commune=doc.commune)
    cited: dict[str, DocumentNode] = {}
    edges: list[CitationEdge] = []
    unresolved = 0
    citations = extraction.citations
    dates = stated_dates(citations)
    types = stated_types(citations)
    texts: dict[str, str] = {}
    subjects: dict[str, str] = {}
    for c in citations:
        if c.target and c.subject:
            subjects.setdefault(c.target, c.subject)  # the first time the file says what it is about
    for i, c in enumerate(citations):
        if not c.target or c.target == node.id:
            unresolved += not c.target
            continue
        if c.target not in cited:
            cited[c.target] = cited_node(c, context, doc.date, stated=dates.get(c.target),
                                         subject=subjects.get(c.target), doc_type=types.get(c.target))
        between = (citations[i - 1].end if i else 0, citations[i + 1].start if i + 1 < len(citations) else None)
        edges.append(_shared_texts(citation_edge(extraction, node.id, c, between), texts))
    node.citation_count = len(edges)
    facts = validity_edges(extraction, node, cited)
    return FileGraph(document=node, cited=list(cited.values()), citations=edges, validity=facts,
                     unresolved=unresolved)


def validity_edges(extraction: Extraction, node: DocumentNode, cited: dict[str, DocumentNode]) -> list[ReferenceEdge]:
    """What the file's text says of validity: its own dates on ``node``; its acts on other
    documents and the facts it reports about them as edges whose origin is ``node``. A document
    an edge names that no citation made a node of gets a bare one in ``cited``."""
    v = extraction.validity
    if v is None:
        return []
    node.effective_from = node.text_effective_from = v.effective_from
    node.effective_to = node.text_effective_to = v.effective_to
    facts = [_fact(extraction, node.id, node.id, a.target, a.relation, (a.start, a.end),
                   since=a.since, scope=a.scope, pinpoint=a.pinpoint) for a in v.acts]
    facts += [_fact(extraction, node.id, f.source, f.target, f.relation, (f.start, f.end)) for f in v.stated]
    out: list[ReferenceEdge] = []
    for fact in facts:
        if fact is None or any(_same_fact(fact, seen) for seen in out):
            continue
        for end in (fact.source, fact.target):
            if end != node.id and end not in cited:
                cited[end] = _known_by_fact(end)
        out.append(fact)
    return out


def _known_by_fact(doc_id: str) -> DocumentNode:
    """A document known only as a validity fact's end: by its number, or (``name:Luật đất đai 1987``,
    written without one) by its name as its title, with no number."""
    if doc_id.startswith("name:"):
        name = doc_id.removeprefix("name:")
        kind = next((k for k in NAMED_TYPES_OF_VALIDITY if name.lower().startswith(k.lower() + " ")), None)
        return DocumentNode(id=doc_id, title=name, type=kind)
    return DocumentNode(id=doc_id, number=doc_id.split("@")[0])


def _fact(extraction: Extraction, origin: str, source: str | None, target: str | None, relation: str,
          span: tuple[int, int], *, since: str | None = None, scope: str | None = None,
          pinpoint: str | None = None) -> ReferenceEdge | None:
    """One edge of a fact the text states; ``None`` when an end is unknown or it is a document
    acting on itself."""
    if not source or not target or source == target or relation not in ACT_RELATIONS:
        return None
    text = extraction.text
    s, e = text.original_span(*span)
    sentence = " ".join(text.original[s:e].split())[:MAX_SENTENCE_CHARS]
    return ReferenceEdge(source, target, ACT_RELATIONS[relation], since=since, origin=origin,
                         scope=scope or ("part" if pinpoint else "whole"), pinpoint=pinpoint,
                         start_offset=s, end_offset=e, sentence=sentence)


def _same_fact(a: ReferenceEdge, b: ReferenceEdge) -> bool:
    return (a.source, a.target, a.relation, a.pinpoint, a.since) == (b.source, b.target, b.relation, b.pinpoint,
                                                                       b.since)


def document_node(doc: Document, text: str | None = None) -> DocumentNode:
    """The node of a document read from a file (``text``: its cleaned text, which names it when it
    has no number)."""
    return DocumentNode(
        id=document_node_id(doc, text), type=doc.type, number=doc.number, issuer=doc.issuer, branch=doc.branch,
        level=doc.level, province=doc.province, district=doc.district, commune=doc.commune, date=doc.date,
        title=doc.title, in_corpus=True, source=printable_path(doc.source), sha256=doc.sha256,
        extracted_by=rules_digest(),
    )


def printable_path(source: str) -> str:
    """A path as text a store can hold: bytes of a file name that are not UTF-8 shown as \\xNN."""
    return os.fsencode(source).decode("utf-8", "backslashreplace")


def document_node_id(doc: Document, text: str | None = None) -> str:
    """The canonical id of a document read from a file (see the module docstring)."""
    if doc.number:
        context = Place(province=doc.province, district=doc.district, commune=doc.commune)
        issuer = parse_issuer(doc.issuer, context=context, on=doc.date) if doc.issuer else None
        return document_id(doc.number, issuer, doc.date, doc.type)
    if text:  # one document, whichever of its files (.txt, .docx, TCVN3) was read
        return f"file:{_slug(doc.type or 'văn bản')}~{fingerprint(text)[:12]}"
    path = Path(doc.source)
    where = hashlib.sha1(os.fsencode(path.resolve())).hexdigest()[:8]
    return f"file:{printable_path(path.stem)}~{where}"


def fingerprint(text: str) -> str:
    """A digest of a text's words, case-folded, in sorted order: what stays when the same document
    is saved as .txt, .docx or in a legacy font encoding (a conversion changes spacing and
    punctuation, and a .docx moves footnotes to the end). Only unnumbered documents need it."""
    words = sorted(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _slug(words: str) -> str:
    bare = unicodedata.normalize("NFD", words.casefold()).replace("đ", "d")
    return "-".join("".join(ch for ch in bare if ch.isalnum() or ch == " ").split())


def cited_node(c: Citation, context: Place, on: str | None, *, stated: str | None = None,
               subject: str | None = None, doc_type: str | None = None) -> DocumentNode:
    """A node for a document known only from a citation of it: what the reference data and the
    citations say (``stated``: the date the file's citations give it, see :func:`stated_dates`;
    ``subject``: what they say it is about, its title until its own text or the reference data says;
    ``doc_type``: the type they give it, see :func:`stated_types`). A type no citation states is
    read from the number's code where the code names one for sure ("79/2025/NĐ-CP": Nghị định)."""
    known = lookup(c.number, date=c.date, doc_type=c.doc_type) if c.number else []
    if c.number and (law := law_by_number(c.number)) and another_act(law, c.doc_type):
        known = [k for k in known if k.type == c.doc_type]  # the law of that number is another act
    issuer = _issuer(c, context, on)
    place = issuer.place if issuer and issuer.place else Place()
    reference_date = known[0].signed_date if known else None
    sure = reference_date if len(known) == 1 and reference_date and len(reference_date) == 10 else None
    return DocumentNode(
        id=c.target or "", number=c.number,
        type=known[0].type if known else doc_type or c.doc_type or type_from_number(c.number or ""),
        issuer=known[0].issuer if known else (issuer.name if issuer else c.issuer),
        branch=issuer.branch if issuer else None, level=issuer.level if issuer else None,
        province=place.province, district=place.district, commune=place.commune,
        date=sure or stated or c.date or reference_date or None,
        title=subject or (c.name if (c.target or "").startswith("name:") else None),  # a name is its title
    )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def stated_dates(citations: list[Citation]) -> dict[str, str]:
    """The date each cited document is given by the file's numbered citations: the one most of
    them write, a date whose year agrees with the number's before one that contradicts it
    ("163/2024/QH15 ngày 27 tháng 11 năm 2025" once, "ngày 27/11/2024" twice: 2024-11-27)."""
    votes: dict[str, Counter[str]] = {}
    for c in citations:
        if c.target and c.form == "full" and c.date_written and c.date and len(c.date) == 10:
            votes.setdefault(c.target, Counter())[c.date] += 1
    return {target: _most_written(counts, _YEAR.search(target.split("@")[0])) for target, counts in votes.items()}


def stated_types(citations: list[Citation]) -> dict[str, str]:
    """The type each cited document is given by the file's citations that state one: the one most
    of them give ("NGHỊ ĐỊNH 119/2014/NĐ-CP" in a title says none, the 40 citations after it say
    Nghị định); ties go to the first given."""
    votes: dict[str, Counter[str]] = {}
    for c in citations:
        if c.target and c.doc_type:
            votes.setdefault(c.target, Counter())[c.doc_type] += 1
    return {target: counts.most_common(1)[0][0] for target, counts in votes.items()}


def _most_written(counts: Counter[str], year: re.Match[str] | None) -> str:
    def rank(item: tuple[str, int]) -> tuple[bool, int]:
        return (year is None or item[0].startswith(year.group()), item[1])

    return max(counts.items(), key=rank)[0]  # ties: the first written (a Counter keeps that order)


def _issuer(c: Citation, context: Place, on: str | None) -> Issuer | None:
    if c.issuer and (found := parse_issuer(c.issuer, context=context, on=on)):
        return found
    code = (c.number or "").rsplit("/", 1)[-1]
    return parse_issuer(code.split("-")[-1] if "-" in code and "/" in (c.number or "") else code,
                        context=context, on=on) if code else None


def _shared_texts(edge: CitationEdge, texts: dict[str, str]) -> CitationEdge:
    """The edge with its texts as the objects already made for equal ones (the citations of one
    sentence share it; a document cited again repeats its id, mention and verb): pickle, from the
    worker to the store, then writes each once."""
    edge.cited, edge.text = texts.setdefault(edge.cited, edge.cited), texts.setdefault(edge.text, edge.text)
    for name in ("sentence", "verb", "cited_number"):
        if (value := getattr(edge, name)) is not None:
            setattr(edge, name, texts.setdefault(value, value))
    return edge


def citation_edge(extraction: Extraction, citing: str, c: Citation,
                  between: tuple[int, int | None] = (0, None)) -> CitationEdge:
    """The edge of one citation; offsets and the mention index the file's original text.
    ``between``: where the citations before and after it end and start (they bound the words an
    over-long sentence keeps for it)."""
    text = extraction.text
    start, end = text.original_span(c.start, c.end)
    sentence = _sentence_around(text.text, c, between) if c.sentence else None
    return CitationEdge(
        citing=citing, cited=c.target or "", relation=Relation(c.relation).edge_type,
        start_offset=start, end_offset=end,
        text=text.original[start:end], sentence=sentence, pinpoint=c.pinpoint, form=c.form, verb=c.verb,
        cited_number=c.as_cited_number or c.name, cited_issuer=c.issuer,
        # What the words themselves state; short forms and aliases repeat their antecedent's.
        cited_date=c.date if c.form == "full" and c.date_written and c.date and len(c.date) == 10 else None,
        cited_type=c.doc_type if c.form == "full" else None,
    )


MAX_SENTENCE_CHARS = 600  # a citation keeps its sentence, or this much of it around the citation
MIN_WINDOW_CHARS = 200  # … and at least this much, even among close neighbours


def _sentence_around(text: str, c: Citation, between: tuple[int, int | None] = (0, None)) -> str:
    """The citation's sentence; when it is longer than :data:`MAX_SENTENCE_CHARS`, the words about
    this citation only: from the end of the citation before it to the start of the one after
    (widened to :data:`MIN_WINDOW_CHARS`), within a window of that size. A text without full
    stops must not store its whole length once per citation, nor a list of many citations the
    same long stretch once per item."""
    assert c.sentence is not None
    start, end = c.sentence
    if end - start <= MAX_SENTENCE_CHARS:
        return text[start:end].strip()
    room = max(0, (MAX_SENTENCE_CHARS - (c.end - c.start)) // 2)
    least = max(0, (MIN_WINDOW_CHARS - (c.end - c.start)) // 2)
    before, after = between
    left = max(start, c.start - room, min(before, c.start - least))
    right = min(end, c.end + room, max(end if after is None else after, c.end + least))
    if left > start:
        left = text.find(" ", left, c.start) + 1 or left  # do not cut a word
    if right < end:
        right = text.rfind(" ", c.end, right) if text.rfind(" ", c.end, right) > 0 else right
    return ("…" if left > start else "") + text[left:right].strip() + ("…" if right < end else "")


def repoint(graphs: list[FileGraph], targets: dict[str, str]) -> None:
    """Re-point citations from one id to another (``targets``: old → new), in place; nodes
    nobody cites any more are dropped from ``cited``."""
    for g in graphs:
        for e in g.citations:
            e.cited = targets.get(e.cited, e.cited)
        for f in g.validity:
            f.source, f.target = targets.get(f.source, f.source), targets.get(f.target, f.target)
        g.cited = [n for n in g.cited if n.id not in targets]
