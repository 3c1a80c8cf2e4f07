"""The bad-input corpus (tests/data/bad/make_bad.py) through `luocdo ingest`: each bad file one clear
line, the batch goes on, and a failed file leaves the store as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

from luocdo.graph.build import file_graph
from luocdo.ingest.pipeline import extract, iter_input_files

from .conftest import SAMPLES
from .data.bad.make_bad import CASES, make_all
from .support import luocdo


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert sum(expect == "error" for _, expect, _ in CASES.values()) >= 20


def test_each_bad_file_is_one_line_and_the_rest_lands(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    make_all(bad)
    clean, mixed = tmp_path / "clean", tmp_path / "mixed"
    assert luocdo("ingest", str(SAMPLES), "--store", str(clean)).returncode == 0
    result = luocdo("ingest", str(SAMPLES), str(bad), "--store", str(mixed))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name, (_, expect, word) in CASES.items():
        shown = name if name != "non-utf8-name" else "hoach-latin1.txt"
        mine = [line for line in lines if f"/{shown}:" in line or line.endswith(shown)]
        if expect == "error":
            assert len(mine) == 1, (name, lines)
            assert word.lower() in mine[0].lower(), (name, mine[0])
            assert "internal error" not in mine[0] and "Traceback" not in result.stderr
        else:
            assert not mine, (name, mine)
    errors = sum(expect == "error" for _, expect, _ in CASES.values())
    assert len(lines) == errors
    stats = json.loads(luocdo("stats", "--store", str(mixed), "--json").stdout)
    # every file that landed is a document; the same words in another encoding are the same one
    readable = [p for p in iter_input_files([bad])
                if not any(f"/{p.name}:" in line or line.endswith(p.name) for line in lines)]
    samples = sorted(SAMPLES.glob("*.txt"))
    ids = {file_graph(extract(p)).document.id for p in [*samples, *readable]}
    assert len(readable) == len(CASES) - errors
    assert stats["in_corpus"] == len(ids)
    # the failed files changed nothing: the samples' part of the graph is what a clean run gives
    own = json.dumps(sorted(file_graph(extract(p)).document.id for p in samples))
    query = ("MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document) WHERE d.id IN " + own +
             " RETURN d.id AS citing, c.id AS cited, r.start_offset AS at ORDER BY citing, at, cited")
    ours = luocdo("cypher", query, "--store", str(mixed), "--json")
    theirs = luocdo("cypher", query, "--store", str(clean), "--json")
    assert json.loads(ours.stdout) == json.loads(theirs.stdout) != []


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    make_all(tmp_path)
    out = luocdo("extract", "--json", str(tmp_path / "xxe.docx"))
    assert out.returncode == 0, out.stderr
    assert "root:" not in out.stdout and "/bin/" not in out.stdout


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    make_all(tmp_path)
    (name,) = [n for n in os.listdir(os.fsencode(tmp_path)) if n.startswith(b"k\xe9")]
    result = luocdo("ingest", os.fsdecode(os.path.join(os.fsencode(tmp_path), name)), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    rows = json.loads(luocdo("cypher", "MATCH (d:Document) WHERE d.in_corpus RETURN d.source AS s",
                             "--store", str(tmp_path / "s"), "--json").stdout)
    assert rows[0]["s"].endswith("k\\xe9-hoach-latin1.txt")
