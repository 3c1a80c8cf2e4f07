"""The ``luocdo`` command as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from .conftest import SAMPLES, sample
from .support import luocdo


def test_every_command_has_help() -> None:
    top = luocdo("--help")
    assert top.returncode == 0
    commands = ["inspect", "extract", "ingest"]
    for name in commands:
        assert name in top.stdout
        sub = luocdo(name, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "Usage" in sub.stdout


def test_inspect_json_on_the_seeds() -> None:
    result = luocdo("inspect", "--json", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    by_seed = {Path(r["source"]).name[:3]: r for r in rows}
    assert {k: (r["level"], r["branch"], r["province"]) for k, r in by_seed.items()} == {
        "000": ("district", "state", "Hà Tĩnh"),
        "001": ("commune", "state", "Lạng Sơn"),
        "002": ("district", "party", "Quảng Ngãi"),
        "003": ("commune", "state", "Quảng Ngãi"),
        "004": ("province", "state", "Khánh Hòa"),
    }
    assert {k: r["date"] for k, r in by_seed.items()} == {
        "000": "2022-06", "001": "2025-02", "002": None, "003": "2023", "004": None}
    for r in rows:
        assert set(r) >= {"source", "type", "number", "issuer", "branch", "level", "province", "district",
                          "commune", "date", "title", "signer"}


def test_inspect_table_is_readable() -> None:
    result = luocdo("inspect", str(sample("001")))
    assert result.returncode == 0, result.stderr
    assert "Lạng Sơn" in result.stdout and "commune" in result.stdout


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Malformed files, each with a word its error line must contain."""
    import docx
    from fpdf import FPDF

    (folder / "empty.txt").write_bytes(b"")
    rng = random.Random(7)
    (folder / "random.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(sample("000").read_text(encoding="utf-8")[:2000])
    d.save(buf)
    (folder / "truncated.docx").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: drawing, no text layer
    (folder / "scan.pdf").write_bytes(bytes(pdf.output()))
    with open(folder / "huge.txt", "wb") as fh:  # sparse: cheap to make, over the 50 MB limit
        fh.truncate(51 * 1024 * 1024)
    return {"empty.txt": "empty", "random.txt": "encoding", "truncated.docx": "docx",
            "scan.pdf": "OCR", "huge.txt": "too large"}


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_bytes(sample("004").read_bytes())
    result = luocdo("inspect", "--json", str(tmp_path))
    assert result.returncode != 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name for r in rows] == ["good.txt"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected), result.stderr
    for name, word in expected.items():
        (line,) = [ln for ln in lines if name in ln]
        assert word.lower() in line.lower(), line


def test_each_bad_file_alone_exits_non_zero(tmp_path: Path) -> None:
    for name in _bad_inputs(tmp_path):
        result = luocdo("inspect", str(tmp_path / name))
        assert result.returncode == 1, name
        assert result.stderr.count("\n") == 1 and name in result.stderr


def test_every_command_that_prints_rows_takes_json_csv_and_columns(tmp_path: Path) -> None:
    """The output options are declared once (cli.output.with_rows): each row-printing command has
    all three, and --csv / --columns do what they say on the conflicts audit and on SPARQL."""
    for command in (["query"], ["cypher"], ["sparql"], ["audit", "outdated"], ["audit", "unknown"],
                    ["audit", "unresolved"], ["audit", "conflicts"]):
        shown = luocdo(*command, "--help", env={"COLUMNS": "200"}).stdout
        assert all(option in shown for option in ("--json", "--csv", "--columns")), command
    store = tmp_path / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(store)).returncode == 0
    conflicts = luocdo("audit", "conflicts", "--store", str(store), "--csv").stdout.splitlines()
    assert conflicts[0].startswith("cited,") and len(conflicts) > 1
    rows = luocdo("sparql", "implementers_of", "-p", "number=10/2022/QH15", "--store", str(store),
                  "--csv", "--columns", "number,level").stdout.splitlines()
    assert rows[0] == "number,level" and len(rows) > 1


def test_the_conflicts_table_reads_as_a_person_needs(tmp_path: Path) -> None:
    """Issue 17, item 5: the conflicts audit shows the number, what was said against what is known
    and whether it agrees; the citing documents by number, unnumbered plans counted, never by their
    internal ``file:…`` ids (the seeds are unnumbered plans)."""
    store = tmp_path / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(store)).returncode == 0
    table = luocdo("audit", "conflicts", "--store", str(store), env={"COLUMNS": "120"}).stdout
    header = next(line for line in table.splitlines() if "number" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == ["number", "field", "said", "known", "agrees",
                                                                    "citing"]
    assert "file:" not in table and "không số" in table
    assert "34/2007/PL-UBTVQH " in table and "False" in table


def test_the_outdated_audit_fits_the_terminal_it_is_shown_in(tmp_path: Path) -> None:
    """Issue 17, item 5: at 80 columns the outdated-citations table keeps what an auditor reads
    first (who cites what, its status, what ended it) whole, and names the columns left out; a
    wide terminal shows them all."""
    store = tmp_path / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(store)).returncode == 0

    def table(columns: int) -> tuple[list[str], list[str]]:
        out = luocdo("audit", "outdated", "--as-of", "2024-01-01", "--store", str(store),
                     env={"COLUMNS": str(columns)}).stdout.splitlines()
        header = next(line for line in out if "citing" in line and "┃" in line)
        return [c.strip() for c in header.strip("┃ ").split("┃")], out

    narrow, lines = table(80)
    assert narrow == ["citing", "cited", "status", "by"]
    assert max(len(line) for line in lines) <= 80
    assert any("more columns: --columns since,date,fact from,outdated" in line for line in lines)
    assert any("Pháp lệnh" in line for line in lines) and any("10/2022/QH15" in line for line in lines)
    wide, _ = table(200)
    assert wide == ["citing", "cited", "status", "by", "since", "date", "fact from", "outdated"]


def test_the_ranked_audits_show_each_documents_number(tmp_path: Path) -> None:
    """``audit unresolved`` and ``audit unknown`` showed "—" for every document: their rows' id and
    number become one ``document`` column, which the default columns still called ``number``."""
    store = tmp_path / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(store)).returncode == 0
    for audit in ("unresolved", "unknown"):
        table = luocdo("audit", audit, "--store", str(store), env={"COLUMNS": "120"}).stdout
        header = next(line for line in table.splitlines() if "type" in line)
        assert header.strip("┃ ").split("┃")[0].strip() == "document", audit
        first_cells = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
        numbers = [c for c in first_cells if c]  # (a wrapped row goes on with an empty first cell)
        assert numbers and "—" not in numbers and any("/" in c for c in numbers), (audit, numbers)
        assert not any(c.startswith(("name:", "file:")) for c in numbers), (audit, numbers)  # names, not ids
