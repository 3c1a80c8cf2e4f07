"""The command line loads what a command needs, no more (issue 17, item 4; issue 18): `luocdo
--help` and `luocdo inspect` load no database driver, graph library, RDF library or register of
administrative units. Times are measured in bench/cli_bench.py, not here."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("ladybug", "neo4j", "networkx", "rdflib", "vietnamadminunits", "fastapi", "pyvis")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_command_line_loads_nothing_heavy() -> None:
    assert not loaded_after("import luocdo.cli.main") & set(HEAVY)


def test_inspect_loads_no_database_driver(tmp_path: object) -> None:
    from .conftest import sample

    code = ("import sys\nfrom luocdo.cli.main import app\n"
            f"sys.argv = ['luocdo', 'inspect', {str(sample('000'))!r}]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass")
    assert not loaded_after(code) & {"ladybug", "neo4j", "networkx", "rdflib", "fastapi"}


def test_the_neo4j_backend_loads_no_embedded_engine() -> None:
    """Issue 18, item 1: the Neo4j store and its errors come without LadybugDB."""
    assert "ladybug" not in loaded_after("import luocdo.graph.neo4j_store, luocdo.graph.falkordb_store")
    assert "neo4j" not in loaded_after("import luocdo.graph.ladybug_store, luocdo.graph.errors")
