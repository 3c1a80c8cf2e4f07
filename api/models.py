"""The shapes the API answers with (they make ``/openapi.json``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Document(BaseModel):
    """A document of the graph: read from a file (``in_corpus``) or known because something cites it."""

    id: str = Field(description="Canonical id: '10/2022/QH15', '191/KH-UBND@ubnd-ha-tinh@2022', 'file:…'")
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    branch: str | None = None
    level: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    date: str | None = None
    title: str | None = None
    status: str | None = Field(None, description="Derived from every validity fact, as the audits derive it: "
                                                 "'in force', 'expired', 'expired (unverified)' …")
    status_code: str | None = Field(None, description="The status without its qualifiers: 'expired'")
    validity: dict[str, Any] | None = Field(None, description="The fact behind the status: by, since, evidence "
                                                              "(reference|text|own text), said_by, verified, sentence")
    effective_from: str | None = None
    effective_to: str | None = None
    in_corpus: bool | None = None
    source: str | None = None
    citation_count: int | None = None
    verified: bool | None = None


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
