"""Reading a file is linear in its citations (issue 15, item 14): four times the citations cost
about four times the work, never sixteen. Work is counted, not timed: the Python calls and
returns that extraction and the graph build make (``sys.setprofile`` events), which do not vary
with the machine's load. A test over all citations in a loop (stop 26's ``near_names`` did so)
made a 5 MB file of 128,000 citations read for over ten minutes, past the worker's time limit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from luocdo.graph.build import file_graph
from luocdo.ingest.pipeline import extract

from .test_store_integrity import PLAN

# One unit of text per shape; the unit's number varies where the shape needs distinct documents.
SHAPES: dict[str, Callable[[int], str]] = {
    "one run-on sentence": lambda i: "Thực hiện Luật số 10/2022/QH15 ",
    "a list of distinct decrees": lambda i: (f"Căn cứ Nghị định số {i + 1}/2023/NĐ-CP ngày 14/8/2023 của Chính phủ, "
                                             f"Nghị định {i + 1} và Luật Tiếp công dân;\n"),
    "names, near names, aliases, local numbers": lambda i: (
        "Luật quản lý, sử dụng vốn nhà nước đầu tư và sản xuất, kinh doanh tại doanh nghiệp, Quyết định số "
        "16/QĐ-UBND của UBND tỉnh, Chỉ thị 30-CT/TW (sau đây viết tắt là Chỉ thị 30). "),
}
SMALL, LARGE = 250, 1000
MOST_GROWTH = 5.0  # linear work grows 4× (3.8–4.0 measured); quadratic grew 8.7–12×


def work(path: Path, units: str) -> tuple[int, int]:
    """Python calls made reading ``units`` as a plan's body into a graph, and its citations."""
    path.write_text(PLAN.format(number=5) + units, encoding="utf-8")
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        graph = file_graph(extract(path))
    finally:
        sys.setprofile(None)
    return calls, len(graph.citations)


@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_citations_is_four_times_the_work(tmp_path: Path, shape: str) -> None:
    unit = SHAPES[shape]
    work(tmp_path / "warm.txt", "".join(u(0) for u in SHAPES.values()))  # tables load once, uncounted
    small_calls, small_citations = work(tmp_path / "small.txt", "".join(unit(i) for i in range(SMALL)))
    large_calls, large_citations = work(tmp_path / "large.txt", "".join(unit(i) for i in range(LARGE)))
    assert small_citations >= SMALL and large_citations >= 3.9 * small_citations
    assert large_calls / small_calls < MOST_GROWTH, (small_calls, large_calls)


def test_a_long_lines_citations_look_back_over_its_line_break_once(tmp_path: Path) -> None:
    """Whether the line break before a line cuts a name ("… Ủy ban nhân dân tỉnh⏎Nghệ An") is
    the line's, not each citation's: looked at per citation, it cost the 5 MB file of 128,000
    citations over 5 s (stop 28). The line before may say anything: the work stays the same."""
    run_on = SHAPES["one run-on sentence"](0) * SMALL
    work(tmp_path / "warm.txt", "".join(u(0) for u in SHAPES.values()))
    plain_calls, plain_citations = work(tmp_path / "plain.txt", run_on)
    cut_calls, cut_citations = work(tmp_path / "cut.txt", "Kế hoạch của Ủy ban nhân dân tỉnh\n" + run_on)
    assert cut_citations == plain_citations >= SMALL
    assert cut_calls / plain_calls < 1.05, (plain_calls, cut_calls)  # 1.23 per citation before
