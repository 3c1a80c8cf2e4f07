"""One validated settings object (issue 18, item 4): ``luocdo.api.settings`` is the only module that
reads the environment; the command line and the API build it once and pass its values into library
code; a bad value stops a command or the server with one line naming the variable; every variable
is documented in README.md ("Settings")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luocdo.api.app import create_app
from luocdo.api.settings import Settings, SettingsError, load_settings
from luocdo.cli.environment import settings as cli_settings
from luocdo.cli.store_options import Where
from luocdo.graph.load import ingest_paths
from luocdo.graph.store import open_store
from luocdo.ingest.budget import Budget

from .conftest import ROOT, sample
from .support import free_port
from .test_cli_imports import loaded_after

PRODUCT = ("cli", "graph", "ingest", "api", "queries")
READS_ENVIRONMENT = re.compile(r"\benviron\b|getenv|envvar\s*=")
# Variables the tests and benchmarks read, not luocdo itself.
NOT_SETTINGS = {"LUOCDO_CORPUS", "LUOCDO_CHROMIUM", "LUOCDO_TEST_NEO4J_URI", "LUOCDO_TEST_NEO4J_USER",
                "LUOCDO_TEST_NEO4J_PASSWORD"}
VARIABLE = re.compile(r"\b(?:LUOCDO|NEO4J)_[A-Z0-9_]+")


def variables() -> set[str]:
    """The environment variables the settings read: each field's alias."""
    return {str(field.validation_alias) for field in Settings.model_fields.values()}


def run(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``luocdo`` in a child process, with the environment cleared of luocdo's variables but ``env``."""
    clean = {k: v for k, v in os.environ.items() if not VARIABLE.match(k)}
    return subprocess.run([sys.executable, "-m", "luocdo.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=clean | {"COLUMNS": "200"} | env)


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """This process's environment without luocdo's variables; the CLI's settings read afresh."""
    for name in list(os.environ):
        if VARIABLE.match(name):
            monkeypatch.delenv(name)
    cli_settings.cache_clear()
    try:
        yield monkeypatch
    finally:
        cli_settings.cache_clear()


def test_no_product_module_reads_the_environment() -> None:
    """The acceptance line: outside api/settings.py, no os.environ, getenv or typer envvar=."""
    readers = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
               for folder in PRODUCT for path in sorted((ROOT / folder).rglob("*.py"))
               if path != ROOT / "api" / "settings.py"
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if READS_ENVIRONMENT.search(line)]
    assert readers == []


def test_every_variable_is_documented_once_and_nothing_else_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Settings"):]
    section = section[:section.index("\n## ", 1)]
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.M)
    assert sorted(rows) == sorted(variables())  # one row each, and no row for a variable not read
    docs = [readme, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))]
    named = {name for text in docs for name in VARIABLE.findall(text)}
    assert named - NOT_SETTINGS <= variables(), "a variable the docs name is read nowhere"


def test_a_bad_value_stops_a_command_with_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    cases = [(("stats", "--store", str(store)), {"LUOCDO_CYPHER_MAX_ROWS": "abc"},
              "LUOCDO_CYPHER_MAX_ROWS must be a whole number, not 'abc'"),
             (("ingest", str(sample("000")), "--store", str(store)), {"LUOCDO_BATCH_FILES": "-3"},
              "LUOCDO_BATCH_FILES must be at least 1, not '-3'"),
             (("extract", str(sample("000"))), {"LUOCDO_EXTRACT_SECONDS": "0"},
              "LUOCDO_EXTRACT_SECONDS must be greater than 0"),
             (("stats", "--backend", "neo4j"), {"NEO4J_BATCH_SIZE": "lots"},
              "NEO4J_BATCH_SIZE must be a whole number, not 'lots'"),
             (("export", "--store", str(store)), {"LUOCDO_RDF_BASE": "ftp://example.org/"},
              "LUOCDO_RDF_BASE: the base must be an absolute http(s) IRI")]
    for args, env, line in cases:
        result = run(*args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {line}"), (args, lines)
        assert not store.exists()  # stopped before anything was opened or written


def test_serve_refuses_to_start_with_a_bad_value(tmp_path: Path) -> None:
    result = run("serve", "--store", str(tmp_path / "store"), "--port", str(free_port()),
                 env={"LUOCDO_CYPHER_WORKERS": "none"}, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: LUOCDO_CYPHER_WORKERS must be a whole number, not 'none'"
    assert not (tmp_path / "store").exists()


def test_the_api_built_with_a_bad_value_names_it(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment.setenv("LUOCDO_CYPHER_TIMEOUT_S", "-1")
    with pytest.raises(SettingsError, match=r"^LUOCDO_CYPHER_TIMEOUT_S must be greater than 0"):
        create_app(lambda: open_store(tmp_path / "store"))


def test_values_are_read_and_passed_into_library_code(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment.setenv("LUOCDO_EXTRACT_SECONDS", "7.5")
    environment.setenv("LUOCDO_EXTRACT_MAX_MB", "300")
    environment.setenv("NEO4J_URI", "bolt://example.org:7687")
    environment.setenv("NEO4J_BATCH_SIZE", "7")
    environment.setenv("LUOCDO_STORE", str(tmp_path / "here"))
    environment.setenv("LUOCDO_ALLOWED_HOSTS", "a.example, b.example,")
    environment.setenv("LUOCDO_BATCH_FILES", "")  # empty counts as unset
    settings = load_settings()
    assert settings.budget() == Budget(7.5, 300)
    assert settings.allowed_hosts == ("a.example", "b.example") and settings.batch_files is None
    server = Where.of(backend="neo4j").neo4j()
    assert (server.uri, server.batch_rows, server.user) == ("bolt://example.org:7687", 7, "neo4j")
    flagged = Where.of(backend="neo4j", neo4j_uri="bolt://flag:7687", neo4j_batch_size=3)
    assert flagged.neo4j().batch_rows == 3  # a flag wins
    assert Where().resolved.store == tmp_path / "here"
    assert Where.of(store=tmp_path / "flag").resolved.store == tmp_path / "flag"


def test_library_code_keeps_its_defaults_whatever_the_environment(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("LUOCDO_EXTRACT_SECONDS", "7.5")
    assert Budget() == Budget(120.0, 2048)  # only the settings read the variable
    assert Settings().budget() == Budget(7.5, 2048)
    environment.delenv("LUOCDO_EXTRACT_SECONDS")
    assert Settings().extract_seconds == Budget().seconds == 120.0  # one default: the API had 60


def test_the_command_line_passes_its_settings(tmp_path: Path) -> None:
    """LUOCDO_STORE and the extraction budget reach `luocdo ingest` from the environment."""
    store = tmp_path / "from-env"
    result = run("ingest", str(sample("000")), env={"LUOCDO_STORE": str(store), "LUOCDO_EXTRACT_SECONDS": "0.001"})
    assert result.returncode == 1 and "took longer than 0.001 s to read" in result.stderr
    assert store.is_dir()


def test_the_api_serves_its_configured_base(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment.setenv("LUOCDO_RDF_BASE", "https://laws.example.org/eli")
    store = open_store(tmp_path / "store")
    try:
        ingest_paths(store, [sample("000")], workers=1)
    finally:
        store.close()
    with TestClient(create_app(lambda: open_store(tmp_path / "store", read_only=True))) as client:
        body = client.get("/export", params={"format": "nt"}).text
    assert "<https://laws.example.org/eli/" in body and "luocdo.example/eli/" not in body


def test_the_settings_load_nothing_heavy_and_help_loads_no_pydantic() -> None:
    heavy = {"ladybug", "neo4j", "networkx", "rdflib", "vietnamadminunits", "fastapi", "pyvis"}
    assert not loaded_after("import luocdo.api.settings; luocdo.api.settings.load_settings()") & heavy
    assert "pydantic_settings" not in loaded_after("import luocdo.cli.main")
