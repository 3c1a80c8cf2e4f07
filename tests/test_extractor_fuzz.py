"""Property-based tests of the extractor (hypothesis): random and adversarial text never raises,
every span lies inside the text, and the regexes — written out or built at run time — have no
nested quantifiers to backtrack on. 200 examples per property in CI; 2,000 with --full."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luocdo.ingest.clean import clean
from luocdo.ingest.metadata import read_metadata
from luocdo.ingest.models import RawText
from luocdo.ingest.pipeline import extract_from

from .conftest import ROOT, SAMPLES

PIECES = ["Nghị định", "số", " ", "/", "-", "NĐ-CP", "QĐ/TW", "KH-UBND", "ngày", "tháng", "năm", "của", "Luật",
          "Bộ luật", "Căn cứ", "Thực hiện", "(sau đây viết tắt là", ")", "Kết luận", "Điều", "khoản", "Chương",
          "\n", ";", ",", ".", "2022", "10", "34/2007/PL-UBTVQH", "UBND tỉnh", "Hà Tĩnh", "Quy định", "và",
          "Tiếp công dân", "1231", "đ", "Đ", "\u00a0", "\u200b", "–", "…", "\t"]
SEED_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))


def check(text: str) -> None:
    source = clean(RawText(source="fuzz", text=text, format="txt", encoding="utf-8"))
    document = read_metadata(source)
    result = extract_from(source, document)
    for c in result.citations:
        assert 0 <= c.start < c.end <= len(source.text)
        start, end = source.original_span(c.start, c.end)
        assert 0 <= start <= end <= len(text)
    result.to_json()


def examples(full: bool) -> int:
    return 2000 if full else 200


@pytest.fixture
def runs(full: bool) -> int:
    return examples(full)


def test_random_unicode_never_raises(runs: int) -> None:
    @settings(max_examples=runs, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(max_size=3000))
    def prop(text: str) -> None:
        check(text)
    prop()


def test_citation_shaped_noise_never_raises(runs: int) -> None:
    @settings(max_examples=runs, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(PIECES), max_size=400).map("".join))
    def prop(text: str) -> None:
        check(text)
    prop()


def test_cut_and_spliced_real_plans_never_raise(runs: int) -> None:
    @settings(max_examples=runs // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(1, 400)), min_size=1, max_size=20))
    def prop(cuts: list[tuple[int, int]]) -> None:
        check("".join(SEED_TEXT[i:i + n] for i, n in cuts))
    prop()


# A group that is quantified and holds a quantifier of its own, e.g. "(a+)*" or "(?:\s*x)+".
_NESTED = re.compile(r"\((?:\?:)?[^()]*[+*][^()]*\)[+*{]")


def _patterns() -> list[tuple[str, int, str]]:
    """Every literal regex pattern passed to re.compile in luocdo's own code (patterns assembled
    from pieces at run time are covered by the adversarial rows of bench/extract_bench.py)."""
    found = []
    for folder in ("ingest", "graph", "queries", "api", "cli"):
        for path in (ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "compile" and node.args:
                    arg = node.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((str(path.relative_to(ROOT)), node.lineno, arg.value))
    return found


# Reviewed: nested quantifiers whose inner and outer parts cannot match the same text two ways
# (separators between repeats), so no input makes them backtrack without end. Keyed by the file and
# the pattern's opening, not its line, so that an edit above it does not unreview it.
REVIEWED: set[tuple[str, str]] = {
    ("ingest/metadata.py", "^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: "),  # a signer's name: one space between words, ≤ 5 repeats
    ("ingest/metadata.py", r"(?<![\w])(?:(?:Số|SỐ)"),  # a type name of ≤ 4 words before "số:", one space each
    ("ingest/metadata.py", r"(?m)^[ *]*Số\s*:?"),  # a place of ≤ 4 capitalised words, one space before each
    ("ingest/validity.py", r"(?:(?:văn bản|luật"),  # "điều N." ≤ 12 times: each repeat opens with "điều "
}


def _reviewed(path: str, pattern: str) -> bool:
    return any(path == p and pattern.startswith(opening) for p, opening in REVIEWED)


def test_regexes_have_no_unreviewed_nested_quantifiers() -> None:
    patterns = _patterns()
    assert len(patterns) > 40
    nested = [(path, line, p) for path, line, p in patterns if _NESTED.search(p) and not _reviewed(path, p)]
    assert not nested, "nested quantifiers: " + "; ".join(f"{path}:{line} {p[:80]}" for path, line, p in nested)


# Run in a fresh interpreter: every pattern luocdo's own code compiles while it reads the sample
# plans, with the file that compiled it (patterns assembled from pieces, cached factories).
_COLLECT = """
import json, re, sys
from pathlib import Path
root, samples = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
found, plain = {}, re.compile
def compile(pattern, flags=0):
    where = Path(sys._getframe(1).f_code.co_filename).resolve()
    if isinstance(pattern, str) and where.is_relative_to(root) and ".venv" not in where.parts:
        found.setdefault(pattern, where.relative_to(root).as_posix())
    return plain(pattern, flags)
re.compile = compile
from luocdo.graph.build import file_graph
from luocdo.ingest.pipeline import extract
for path in sorted(samples.glob("*.txt")):
    file_graph(extract(path))
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def runtime_patterns() -> dict[str, str]:
    """Pattern → the file that compiled it, for every pattern compiled while the samples are read."""
    out = subprocess.run([sys.executable, "-c", _COLLECT, str(ROOT), str(SAMPLES)], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    found: dict[str, str] = json.loads(out)
    return found


def test_patterns_built_at_run_time_have_no_unreviewed_nested_quantifiers(runtime_patterns: dict[str, str]) -> None:
    assert len(runtime_patterns) > 100
    nested = [(path, p) for p, path in runtime_patterns.items() if _NESTED.search(p) and not _reviewed(path, p)]
    assert not nested, "nested quantifiers: " + "; ".join(f"{path} {p[:80]}" for path, p in nested)


def test_regex_review_list_is_current(runtime_patterns: dict[str, str]) -> None:
    live = [(path, p) for path, _, p in _patterns()] + [(path, p) for p, path in runtime_patterns.items()]
    stale = [r for r in REVIEWED if not any(path == r[0] and p.startswith(r[1]) for path, p in live)]
    assert not stale, stale
    assert Path(ROOT / "ingest").is_dir()
