"""Format checks for the hand-annotated citation gold set (tests/gold/*.jsonl)."""

import json
import re
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "gold"
CORPUS = Path(__file__).parent / "corpus"  # the vendored corpus texts
SAMPLES = Path(__file__).parent.parent / "data" / "samples"  # the seeds, renamed after their prefix
REQUIRED = {"number", "type", "name", "date", "issuer", "relation", "as_written"}
RELATIONS = {"implements", "based_on", "cites"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load(name):
    path = GOLD / name
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - failure path
                pytest.fail(f"{name}:{lineno}: invalid JSON: {exc}")
    return rows


@pytest.fixture(scope="module", params=["citations.jsonl", "seeds.jsonl"])
def gold(request):
    return request.param, _load(request.param)


def test_documents_unique_and_shaped(gold):
    name, rows = gold
    files = [r.get("file") for r in rows]
    assert all(isinstance(f, str) and f for f in files), name
    assert len(files) == len(set(files)), f"{name}: duplicate file"
    for r in rows:
        assert isinstance(r.get("cited"), list), r["file"]


def test_entries(gold):
    name, rows = gold
    for r in rows:
        seen = set()
        for e in r["cited"]:
            where = f"{name} {r['file']} {e.get('as_written')!r}"
            assert REQUIRED <= e.keys(), f"{where}: missing {REQUIRED - e.keys()}"
            assert e["relation"] in RELATIONS, where
            assert isinstance(e["as_written"], str) and e["as_written"].strip(), where
            if e["date"] is not None:
                assert DATE.match(e["date"]), where
            for d in e.get("date_variants", []):
                assert DATE.match(d), where
            if e["number"] is None:
                flags = ("name_only", "unnumbered", "partial_number")
                assert any(e.get(k) for k in flags), f"{where}: null number without flag"
            else:
                assert e["number"] == e["number"].strip() and " " not in e["number"], where
                assert e["number"] not in seen, f"{where}: duplicate number in one document"
                seen.add(e["number"])


def test_corpus_size():
    rows = _load("citations.jsonl")
    assert len(rows) >= 40


def test_files_exist(gold):
    name, rows = gold
    for r in rows:
        if name == "seeds.jsonl":
            assert len(list(SAMPLES.glob(r["file"][:3] + "-*.txt"))) == 1, f"{name}: no sample for {r['file']}"
        else:
            assert (CORPUS / r["file"]).is_file(), f"{name}: {r['file']} not found under {CORPUS}"
