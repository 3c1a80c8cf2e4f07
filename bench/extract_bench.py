"""Citation-extraction throughput on the real corpus, and on hostile inputs.

    python bench/extract_bench.py [--corpus DIR] [--repeat N] [--timeout SECONDS]

1. Reads and cleans every text of the corpus once, then times find → resolve → classify
   (``pipeline.extract_from``) over all of them, and in the same run one plain
   ``grammar.NUMBER.finditer`` scan over the same texts. Their ratio says how much the whole
   extraction costs next to the cheapest scan that could find a document number (target ≥ 0.25×).
2. Builds adversarial inputs (1–5 MB each) and times clean, metadata and extraction on each, in a
   child process with a time limit, per MB of input, relative to the corpus (target ≤ 2×).

Figures go to the terminal as tables and to ``bench/results/extract.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import default_corpus
from rich.console import Console
from rich.table import Table

from luocdo.ingest import grammar
from luocdo.ingest.clean import clean
from luocdo.ingest.metadata import read_metadata
from luocdo.ingest.models import RawText, ReadError, SourceText
from luocdo.ingest.pipeline import extract, extract_from, iter_input_files
from luocdo.ingest.readers import read_file
from luocdo.ingest.validity import find_validity

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = default_corpus()
RESULTS = ROOT / "bench" / "results" / "extract.json"
NOT_DOCUMENTS = {"SOURCES.md", "README.md"}
MB = 1_000_000  # bytes of UTF-8 input text

END_TO_END_TARGET = 8.0  # MB/s (issue 17, item 8)
THROUGHPUT_TARGET = 0.25  # extraction MB/s ÷ plain NUMBER scan MB/s, at least
ADVERSARIAL_TARGET = 2.0  # adversarial s/MB ÷ corpus s/MB, at most
CATASTROPHIC = 20.0

console = Console(width=None if sys.stdout.isatty() else 130)


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Fastest of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def size_mb(text: str) -> float:
    return len(text.encode("utf-8")) / MB


# --- the corpus --------------------------------------------------------------------------------------

@dataclass
class Corpus:
    raws: list[RawText]
    texts: list[SourceText]
    skipped: list[str]
    paths: list[Path]

    @property
    def mb(self) -> float:
        return sum(size_mb(r.text) for r in self.raws)


def load_corpus(folder: Path) -> Corpus:
    raws, skipped, paths = [], [], []
    for path in iter_input_files([folder]):
        if path.name in NOT_DOCUMENTS:
            continue
        try:
            raws.append(read_file(path))
            paths.append(path)
        except ReadError as err:
            skipped.append(f"{err.source}: {err.reason}")
    texts = [clean(r) for r in raws]
    keep = [i for i, t in enumerate(texts) if t.text]
    skipped += [f"{raws[i].source}: no text after clean-up" for i in range(len(raws)) if i not in set(keep)]
    return Corpus([raws[i] for i in keep], [texts[i] for i in keep], skipped, [paths[i] for i in keep])


def bench_corpus(corpus: Corpus, repeat: int) -> dict[str, Any]:
    docs = [read_metadata(t) for t in corpus.texts]
    pairs = list(zip(corpus.texts, docs, strict=True))
    extractions = [extract_from(t, d) for t, d in pairs]  # also warms every cache
    citations = sum(len(e.citations) for e in extractions)

    def scan() -> int:
        return sum(1 for t in corpus.texts for _ in grammar.NUMBER.finditer(t.match_text))

    numbers = scan()
    seconds = {
        "clean": best_of(repeat, lambda: [clean(r) for r in corpus.raws]),
        "metadata": best_of(repeat, lambda: [read_metadata(t) for t in corpus.texts]),
        "extract": best_of(repeat, lambda: [extract_from(t, d) for t, d in pairs]),
        "number_scan": best_of(repeat, scan),
        # what `luocdo extract` does per file, in one process: read, clean, metadata, extract
        "end_to_end": best_of(repeat, lambda: [extract(p) for p in corpus.paths]),
        # the validity step alone (issue 16), on the citations extract found; extract includes it
        "validity": best_of(repeat, lambda: [find_validity(e.text, e.document, e.citations)
                                             for e in extractions]),
    }
    mb = corpus.mb
    return {
        "files": len(corpus.texts),
        "skipped": corpus.skipped,
        "mb": round(mb, 3),
        "citations": citations,
        "number_matches": numbers,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "mb_per_s": {k: round(mb / v, 3) for k, v in seconds.items()},
        "s_per_mb": {k: v / mb for k, v in seconds.items()},
        "extract_vs_scan": round(seconds["number_scan"] / seconds["extract"], 4),
        "validity_added": round(seconds["validity"] / (seconds["extract"] - seconds["validity"]), 4),
    }


# --- adversarial inputs ------------------------------------------------------------------------------

def normal_document(corpus: Corpus) -> SourceText:
    """A corpus text of ordinary citation density: the median among texts of 10 kB or more."""
    sized = [t for t in corpus.texts if len(t.text) >= 10_000] or corpus.texts
    density = sorted(sized, key=lambda t: sum(1 for _ in grammar.NUMBER.finditer(t.match_text)) / len(t.text))
    return density[len(density) // 2]


def build_inputs(normal: str) -> dict[str, str]:
    """Each hostile input by name: 1–5 MB of text."""
    one_line = " ".join(line.strip() for line in normal.splitlines() if line.strip())
    digits = "1" * 5_000_000
    return {
        '"số 1/" × 100k': "số 1/" * 100_000,
        '"1" × 5M, one line': digits,
        '"1" × 5M, 80 per line': "\n".join(digits[i:i + 80] for i in range(0, len(digits), 80)),
        "normal text, 5 MB one line": _repeat_to(one_line + " ", 5 * MB),
        "normal text, 5 MB with lines": _repeat_to(normal + "\n\n", 5 * MB),
        '"Nghị định " × 200k': "Nghị định " * 200_000,
        '"(sau đây gọi tắt là " × 100k': "(sau đây gọi tắt là " * 100_000,
        '"Luật " × 400k': "Luật " * 400_000,
        # Small on purpose: found by probing, these once grew quadratically with the number of citations.
        # They hold a citation every 20-40 bytes (the corpus: one every 1.4 kB), so their × figure
        # measures the cost of a citation rather than of a scan.
        '"Nghị định 145, " × 4k, one clause': "Nghị định 145, " * 4_000,
        '"Nghị định số 1/2020/NĐ-CP (sau đây gọi tắt là Nghị định A) " × 500':
            "Nghị định số 1/2020/NĐ-CP (sau đây gọi tắt là Nghị định A) " * 500,
    }


def _repeat_to(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _run_case(name: str, text: str, repeat: int, queue: mp.Queue) -> None:  # in the child process
    raw = RawText(source=f"<{name}>", text=text, format="txt", encoding="utf-8")
    out: dict[str, Any] = {}
    for stage in ("clean", "metadata", "extract"):
        queue.put(("stage", stage))
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            if stage == "clean":
                source = clean(raw)
            elif stage == "metadata":
                doc = read_metadata(source)
            else:
                out["citations"] = len(extract_from(source, doc).citations)
            runs.append(time.perf_counter() - t0)
            if runs[-1] > 5:
                break  # slow enough to measure in one run
        out[stage] = min(runs)
    out["clean_mb"] = size_mb(source.text)
    queue.put(("done", out))


def bench_case(name: str, text: str, repeat: int, timeout: float) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    queue: mp.Queue = ctx.Queue()
    child = ctx.Process(target=_run_case, args=(name, text, repeat, queue), daemon=True)
    child.start()
    stage, result = None, None
    deadline = time.monotonic() + timeout
    while result is None and time.monotonic() < deadline:
        try:
            kind, value = queue.get(timeout=max(0.01, min(1.0, deadline - time.monotonic())))
        except Exception:  # queue.Empty: the child is still at work
            if not child.is_alive():
                break
            continue
        if kind == "stage":
            stage = value
        else:
            result = value
    if child.is_alive():
        child.kill()
    child.join()
    row: dict[str, Any] = {"mb": round(size_mb(text), 3)}
    if result is None:
        row["timeout"] = {"stage": stage, "after_s": timeout, "exit": child.exitcode}
        return row
    row |= {"clean_mb": round(result.pop("clean_mb"), 3), "citations": result.pop("citations")}
    row["seconds"] = {k: round(v, 4) for k, v in result.items()}
    return row


# --- report ------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of texts (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per adversarial input")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results (default: %(default)s)")
    parser.add_argument("--corpus-only", action="store_true", help="the corpus table only: no adversarial "
                                                                   "inputs, no results file")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        console.print(f"[red]no corpus at {args.corpus}[/red]")
        return 2

    t0 = time.perf_counter()
    corpus = load_corpus(args.corpus)
    console.print(f"read and cleaned {len(corpus.texts)} texts ({corpus.mb:.2f} MB) from {args.corpus} "
                  f"in {time.perf_counter() - t0:.1f} s; skipped {len(corpus.skipped)}")
    base = bench_corpus(corpus, args.repeat)

    table = Table(title=f"corpus: {base['files']} files, {base['mb']:.2f} MB, {base['citations']} citations")
    for col in ("step", "seconds", "MB/s"):
        table.add_column(col, justify="right" if col != "step" else "left")
    for step in ("clean", "metadata", "extract", "end_to_end", "number_scan"):
        label = {"extract": "extract (find+resolve+classify)", "end_to_end": "read+clean+metadata+extract",
                 "number_scan": "one NUMBER.finditer scan"}.get(step, step)
        table.add_row(label, f"{base['seconds'][step]:.3f}", f"{base['mb_per_s'][step]:.2f}")
    console.print(table)
    ok = base["extract_vs_scan"] >= THROUGHPUT_TARGET
    console.print(f"extraction throughput ÷ NUMBER scan throughput = [bold]{base['extract_vs_scan']:.3f}×[/bold] "
                  f"(target ≥ {THROUGHPUT_TARGET}×: {'[green]met' if ok else '[red]missed'}[/])")
    e2e = base["mb_per_s"]["end_to_end"]
    console.print(f"end to end, one process: [bold]{e2e:.2f} MB/s[/bold] (target ≥ {END_TO_END_TARGET} MB/s: "
                  f"{'[green]met' if e2e >= END_TO_END_TARGET else '[red]missed'}[/]), "
                  f"{base['mb_per_s']['end_to_end'] / base['mb_per_s']['number_scan']:.3f}× the NUMBER scan")
    console.print(f"the validity step adds [bold]{base['validity_added']:.1%}[/bold] to extraction (target ≤ 15 %)")
    if args.corpus_only:
        return 0

    normal = normal_document(corpus)
    console.print(f"normal text for the adversarial runs: {normal.source} ({len(normal.text)} chars)")
    adversarial: dict[str, Any] = {}
    table = Table(title="adversarial inputs: seconds per MB ÷ corpus seconds per MB (target ≤ 2×)")
    for col in ("input", "MB", "cites", "clean s", "extract s", "clean ×", "metadata ×", "extract ×"):
        table.add_column(col, justify="left" if col == "input" else "right")
    for name, text in build_inputs(normal.text).items():
        row = bench_case(name, text, args.repeat, args.timeout)
        if "seconds" in row:
            row["relative"] = {k: round(v / row["mb"] / base["s_per_mb"][k], 2) for k, v in row["seconds"].items()}
            rel = row["relative"]
            table.add_row(name, f"{row['mb']:.2f}", str(row["citations"]), f"{row['seconds']['clean']:.2f}",
                          f"{row['seconds']['extract']:.2f}", _mark(rel["clean"]), _mark(rel["metadata"]),
                          _mark(rel["extract"]))
        else:
            stage = row["timeout"]["stage"]
            table.add_row(name, f"{row['mb']:.2f}", "—", "—", "—", *(
                f"[red]> {args.timeout:.0f} s[/red]" if s == stage else "" for s in ("clean", "metadata", "extract")))
        adversarial[name] = row
    console.print(table)

    worst = {n: r["relative"]["extract"] for n, r in adversarial.items() if "relative" in r}
    slow = sorted(n for n, r in adversarial.items() if "timeout" in r or r["relative"]["extract"] > CATASTROPHIC)
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "repeat": args.repeat,
        "corpus": {"path": str(args.corpus)} | {k: v for k, v in base.items() if k != "s_per_mb"},
        "targets": {"extract_vs_scan_min": THROUGHPUT_TARGET, "adversarial_max": ADVERSARIAL_TARGET},
        "normal_document": normal.source,
        "adversarial": adversarial,
        "summary": {
            "extract_vs_scan": base["extract_vs_scan"],
            "throughput_target_met": ok,
            "adversarial_extract_median": round(statistics.median(worst.values()), 2) if worst else None,
            "adversarial_over_target": sorted(n for n, v in worst.items() if v > ADVERSARIAL_TARGET),
            "catastrophic": slow,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.out}")
    if slow:
        console.print(f"[red]catastrophically slow (> {CATASTROPHIC:.0f}× or timed out):[/red] {', '.join(slow)}")
    return 0


def _mark(ratio: float) -> str:
    colour = "green" if ratio <= ADVERSARIAL_TARGET else "yellow" if ratio <= CATASTROPHIC else "red"
    return f"[{colour}]{ratio:.2f}[/{colour}]"


if __name__ == "__main__":
    sys.exit(main())
