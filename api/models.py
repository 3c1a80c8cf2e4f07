"""The shapes the API answers with (they make ``/openapi.json``)."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from luocdo.graph.model import DocumentNode

# A document as the API answers with it: the node's properties (graph/model.py declares them), each
# optional since a document known only by a citation has few, without the store's own bookkeeping,
# and with its status derived from every validity fact.
_ABOUT = "A document of the graph: read from a file (``in_corpus``) or known because something cites it."
_NOT_SHOWN = frozenset({"text_effective_from", "text_effective_to", "sha256", "extracted_by"})
_DESCRIPTIONS = {
    "id": "Canonical id: '10/2022/QH15', '191/KH-UBND@ubnd-ha-tinh@2022', 'file:…'",
    "status": "Derived from every validity fact, as the audits derive it: 'in force', 'expired', "
              "'expired (unverified)' …",
}
_DERIVED = {  # shown after ``status``
    "status_code": (str | None, "The status without its qualifiers: 'expired'"),
    "validity": (dict[str, Any] | None, "The fact behind the status: by, since, evidence (reference|text|own text), "
                                        "said_by, verified, sentence"),
}


def document_model(node: type[DocumentNode] = DocumentNode) -> type[BaseModel]:
    """The answer for a node class: its fields in its order, ``id`` required, every other one
    optional, ``status`` followed by what is derived from it."""
    hints = get_type_hints(node)
    shown: dict[str, Any] = {"id": (str, Field(description=_DESCRIPTIONS["id"]))}
    for node_field in fields(node)[1:]:
        if node_field.name not in _NOT_SHOWN:
            shown[node_field.name] = (hints[node_field.name] | None,
                                      Field(None, description=_DESCRIPTIONS.get(node_field.name)))
        if node_field.name == "status":
            shown.update({name: (hint, Field(None, description=about)) for name, (hint, about) in _DERIVED.items()})
    return create_model("Document", __module__=__name__, __doc__=_ABOUT, **shown)


if TYPE_CHECKING:
    Document = BaseModel
else:
    Document = document_model()


class DocumentPage(BaseModel):
    items: list[Document]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


class Rows(BaseModel):
    """Rows of a query, each an object of its columns."""

    items: list[dict[str, Any]]


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, examples=["MATCH (d:Document) RETURN d.id AS id LIMIT 5"])
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="True when the row cap stopped the result")


class Parameter(BaseModel):
    name: str
    type: str
    default: str | None = None
    description: str


class QueryInfo(BaseModel):
    name: str
    description: str
    parameters: list[Parameter]
    example: str | None = None


class QueryCall(BaseModel):
    parameters: dict[str, str | int] = Field(default_factory=dict)


class ResolveCandidate(BaseModel):
    id: str
    number: str | None = None
    type: str | None = None
    title: str | None = None
    in_graph: bool
    confidence: float = Field(ge=0, le=1)
    reason: str


class Resolution(BaseModel):
    q: str
    candidates: list[ResolveCandidate]


class FileResult(BaseModel):
    file: str
    status: str = Field(description="ingested | unchanged | failed")
    reason: str | None = None


class IngestResult(BaseModel):
    files: list[FileResult]
    documents: int = Field(description="Documents read from files in the graph after this upload")


class ExtractText(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000)
    name: str = Field("text.txt", max_length=200, description="A file name for the text (its suffix is ignored)")


class Health(BaseModel):
    status: str
    backend: str
    documents: int
