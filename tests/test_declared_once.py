"""Issue 18, last acceptance line: each thing declared once — the API's ``Document`` answer from the
node's fields, the store options as overrides of the settings of the same names, ``--param`` and
``--list`` handled once for ``query`` and ``sparql``, and one template macro for the two lists of
validity facts on a document page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from luocdo.api.app import create_app
from luocdo.api.models import document_model
from luocdo.api.routers.pages import templates
from luocdo.api.settings import Settings
from luocdo.cli.environment import settings as cli_settings
from luocdo.cli.query_options import with_query_options
from luocdo.cli.store_options import _STORE_OPTIONS, Where
from luocdo.graph.model import DocumentNode
from luocdo.queries.named import named_queries

# What /openapi.json declared for a document before its model was built from the node (issue 18).
DOCUMENT_PROPERTIES = ["id", "type", "number", "issuer", "branch", "level", "province", "district", "commune", "date",
                       "title", "status", "status_code", "validity", "effective_from", "effective_to", "in_corpus",
                       "source", "citation_count", "verified"]


def test_the_api_document_is_declared_by_the_node() -> None:
    """A property added to the node is in the answer, optional; the store's bookkeeping is not."""

    @dataclass
    class Node(DocumentNode):
        gazette: int = 0

    answer = document_model(Node)
    assert list(answer.model_fields) == [*DOCUMENT_PROPERTIES, "gazette"]
    assert not answer.model_fields["gazette"].is_required() and answer(id="x", gazette=None).gazette is None
    assert answer(id="1/2020/NĐ-CP", sha256="ab", search="x").model_dump(exclude_none=True) == {"id": "1/2020/NĐ-CP"}


def test_the_document_schema_declares_what_it_declared() -> None:
    schema = create_app(lambda: None).openapi()["components"]["schemas"]["Document"]
    assert list(schema["properties"]) == DOCUMENT_PROPERTIES and schema["required"] == ["id"]
    assert schema["properties"]["in_corpus"]["anyOf"] == [{"type": "boolean"}, {"type": "null"}]
    described = {name for name, p in schema["properties"].items() if "description" in p}
    assert described == {"id", "status", "status_code", "validity"}
    assert schema["description"].startswith("A document of the graph")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("LUOCDO_STORE", "LUOCDO_BACKEND", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    cli_settings.cache_clear()
    yield monkeypatch
    cli_settings.cache_clear()


def test_store_options_are_the_settings_they_override(environment: pytest.MonkeyPatch) -> None:
    assert {name for name, _, _ in _STORE_OPTIONS} <= set(Settings.model_fields)
    environment.setenv("NEO4J_URI", "bolt://env:7687")
    environment.setenv("NEO4J_USER", "reader")
    server = Where.of(backend="neo4j", neo4j_user="", neo4j_database="legal", neo4j_password=None).neo4j()
    assert (server.uri, server.user, server.database) == ("bolt://env:7687", "reader", "legal")  # empty: unset
    assert str(Where.of(backend="neo4j")) == "bolt://env:7687"
    assert str(Where.of(store=os.path.join("a", "b"))) == os.path.join("a", "b")


def _toy_app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    @with_query_options(named_queries)
    def ask(name: Annotated[str, typer.Argument()] = "", *, verbose: bool = False,
            given: dict[str, str]) -> None:
        print(f"ran {name} with {sorted(given.items())} verbose={verbose}")

    return app


def test_param_and_list_are_handled_once_for_query_commands() -> None:
    app, runner = _toy_app(), CliRunner()
    ran = runner.invoke(app, ["implementers_of", "-p", "number=1/2020/NĐ-CP", "--param", "depth=2", "--verbose"])
    assert ran.output.strip() == "ran implementers_of with [('depth', '2'), ('number', '1/2020/NĐ-CP')] verbose=True"
    for listing in (runner.invoke(app, ["--list"]), runner.invoke(app, [])):
        assert "implementers_of number=" in listing.output and "ran" not in listing.output
    bad = runner.invoke(app, ["x", "-p", "nokey"])
    assert bad.exit_code == 2 and "ran" not in bad.output
    shown = runner.invoke(app, ["--help"], terminal_width=200).output
    assert shown.index("--param") < shown.index("--list") < shown.index("--verbose")  # right after the query


class _Row(dict[str, object]):
    __getattr__ = dict.get


def test_both_lists_of_validity_facts_come_from_one_macro() -> None:
    about = [("REPEALS", [_Row(source="1/2020/NĐ-CP", source_type="Nghị định", source_number="1/2020/NĐ-CP",
                               since="2021-01-01", scope="part", pinpoint="Điều 3", from_text=True,
                               origin_type="Quyết định", origin_number="5/QĐ-UBND", sentence="Bãi bỏ Điều 3")])]
    acts = [("AMENDS", [_Row(target="9/2019/NĐ-CP", type="Nghị định", number="9/2019/NĐ-CP", from_text=True,
                             origin="2/2021/QĐ-UBND"),
                        _Row(target="8/2019/NĐ-CP", number="8/2019/NĐ-CP", from_text=False, verified=False)])]
    page = templates.env.get_template("document.html").render(
        doc=_Row(id="2/2021/QĐ-UBND"), status=_Row(), facts=about, acts=acts, outgoing=[], incoming=[], conflicts=[])
    validity, done = page.split('<section id="validity">')[1], page.split('<section id="acts">')[1]
    assert '<h3 class="facts-repeals">' in validity and "(một phần: Điều 3)" in validity
    assert "— theo Quyết định 5/QĐ-UBND" in validity and "câu: «Bãi bỏ Điều 3»" in validity
    assert done.count("<li>") == 2 and done.count('class="who"') == 1  # its own text says it: no "theo"
    assert "— theo dữ liệu tham chiếu (chưa xác minh)" in done.split("</section>")[0]
