"""luocdo's settings: the one place the environment is read, validated once.

The command line and the API build :class:`Settings` once (``load_settings``) and pass its values
into library code (store paths, :class:`~luocdo.ingest.budget.Budget`, ``SandboxLimits``,
``Neo4jSettings``, batch sizes); graph/, ingest/ and queries/ never read the environment. Each
field names its variable; README.md ("Settings") documents every one. Only pydantic is imported
here: the command line loads this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from luocdo.ingest.budget import Budget
from luocdo.ingest.readers import MAX_FILE_BYTES

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class SettingsError(ValueError):
    """A variable with a value it may not have: one line naming it and what it must be."""


class Settings(BaseSettings):
    """What luocdo is configured with; each field's alias is its environment variable."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_ignore_empty=True, populate_by_name=True)

    # Which store: the command line's --store/--backend/--neo4j-* override these.
    store: Path = Field(default=Path("luocdo-data"), validation_alias="LUOCDO_STORE")
    backend: Literal["embedded", "neo4j"] = Field(default="embedded", validation_alias="LUOCDO_BACKEND")
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: str = Field(default="", validation_alias="NEO4J_PASSWORD", repr=False)
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE")
    neo4j_batch_size: int | None = Field(default=None, validation_alias="NEO4J_BATCH_SIZE", ge=1)
    # Ingest: files per transaction (unset: one each below 40 files, else 200); one file's budget,
    # the same for `luocdo ingest`, `luocdo extract` and /extract.
    batch_files: int | None = Field(default=None, validation_alias="LUOCDO_BATCH_FILES", ge=1)
    extract_seconds: float = Field(default=Budget.seconds, validation_alias="LUOCDO_EXTRACT_SECONDS", gt=0)
    extract_max_mb: int = Field(default=Budget.memory_mb, validation_alias="LUOCDO_EXTRACT_MAX_MB", ge=64)
    rdf_base: str | None = Field(default=None, validation_alias="LUOCDO_RDF_BASE")  # unset: https://luocdo.example/eli/
    # The server: writes, user Cypher, request bodies, uploads, host names.
    token: str | None = Field(default=None, validation_alias="LUOCDO_API_TOKEN", repr=False)
    cypher_timeout_s: float = Field(default=10.0, validation_alias="LUOCDO_CYPHER_TIMEOUT_S", gt=0)
    cypher_max_rows: int = Field(default=1000, validation_alias="LUOCDO_CYPHER_MAX_ROWS", ge=1)
    cypher_workers: int = Field(default=2, validation_alias="LUOCDO_CYPHER_WORKERS", ge=1)
    cypher_queue: int = Field(default=8, validation_alias="LUOCDO_CYPHER_QUEUE", ge=0)
    cypher_max_mb: int = Field(default=512, validation_alias="LUOCDO_CYPHER_MAX_MB", ge=64)
    upload_max_bytes: int = Field(default=MAX_FILE_BYTES, validation_alias="LUOCDO_UPLOAD_MAX_BYTES", ge=1)
    upload_max_files: int = Field(default=200, validation_alias="LUOCDO_UPLOAD_MAX_FILES", ge=1)
    upload_max_request_bytes: int = Field(default=256 << 20, validation_alias="LUOCDO_UPLOAD_MAX_REQUEST_BYTES", ge=1)
    body_max_bytes: int = Field(default=1 << 20, validation_alias="LUOCDO_BODY_MAX_BYTES", ge=1)
    uploads: Path = Field(default=Path("luocdo-uploads"), validation_alias="LUOCDO_UPLOADS")
    # Unset: `luocdo serve` on a loopback address allows only loopback names, else any.
    allowed_hosts: Annotated[tuple[str, ...] | None, NoDecode] = Field(default=None,
                                                                       validation_alias="LUOCDO_ALLOWED_HOSTS")
    page_max: ClassVar[int] = 200  # not a setting: the longest page of a document list

    def budget(self) -> Budget:
        """What reading one file may take."""
        return Budget(self.extract_seconds, self.extract_max_mb)

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> tuple[str, ...] | None:
        """Comma-separated host names."""
        names = value.split(",") if isinstance(value, str) else value or ()
        hosts = tuple(h.strip() for h in names if h.strip())
        return hosts or None

    @field_validator("rdf_base")
    @classmethod
    def _base(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from luocdo.graph.rdf_terms import check_base  # rdflib loads only when a base is set

        return check_base(value)


def load_settings() -> Settings:
    """The settings from the environment; a bad value raises :class:`SettingsError` (one line)."""
    try:
        return Settings()
    except ValidationError as err:
        raise SettingsError("; ".join(_problem(e) for e in err.errors())) from None


_MUST_BE = {"int_parsing": "a whole number", "int_from_float": "a whole number", "float_parsing": "a number",
            "greater_than": "greater than {gt}", "greater_than_equal": "at least {ge}",
            "literal_error": "one of {expected}"}


def _problem(error: ErrorDetails) -> str:
    """``LUOCDO_CYPHER_MAX_ROWS must be a whole number, not 'abc'``."""
    name = str(error["loc"][0]) if error["loc"] else "a setting"
    template = _MUST_BE.get(error["type"])
    what = template.format(**error.get("ctx", {})) if template else error["msg"].removeprefix("Value error, ")
    return f"{name} must be {what}, not {error['input']!r}" if template else f"{name}: {what}"
