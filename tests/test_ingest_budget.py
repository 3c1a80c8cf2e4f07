"""Every file is read within a time and memory budget, in workers that die with their parent
(issue 15, items 7 and 13): PDF and .docx bombs refused, runaways stopped, crashes contained."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from luocdo.ingest.budget import BoundedPool, Budget
from luocdo.ingest.models import ReadError
from luocdo.ingest.readers import read_file

from .conftest import ROOT, SAMPLES


def page_bomb(path: Path, pages: int = 10, stream_mb: int = 2) -> Path:
    """A small PDF whose pages all draw one shared stream of ``stream_mb`` MB of text operators."""
    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 9 Tf 10 10 Td (luat dan chu co so) Tj ET\n" * (stream_mb * 2**20 // 48))
    shared = writer._add_object(stream)
    for _ in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Contents")] = shared
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_pdf_page_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = page_bomb(tmp_path / "bomb.pdf")
    start = time.monotonic()
    with pytest.raises(ReadError, match="page bomb"):
        read_file(bomb)
    assert time.monotonic() - start < 10


def test_a_docx_with_too_much_xml_is_refused(tmp_path: Path) -> None:
    words = os.urandom(21 * 2**20).hex()  # 42 MB of text that does not pack: no ratio alarm
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:body>"
                                        "</w:document>")
    (tmp_path / "big.docx").write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="MB of XML"):
        read_file(tmp_path / "big.docx")


def sleep_forever(path: Path) -> str:
    time.sleep(60)
    return str(path)


def allocate_gigabytes(path: Path) -> str:
    hoard = [bytearray(2**27) for _ in range(32)]  # 4 GB, 128 MB at a time
    return str(len(hoard))


def die(path: Path) -> str:
    if path.name == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return path.name


def test_a_runaway_is_stopped_at_its_time() -> None:
    start = time.monotonic()
    with BoundedPool(sleep_forever, Budget(seconds=1, memory_mb=512)) as pool:
        result = pool.run(Path("slow.txt"))
    assert isinstance(result, ReadError) and "longer than 1 s" in result.reason
    assert time.monotonic() - start < 15


def test_a_memory_hog_is_stopped_at_its_limit() -> None:
    with BoundedPool(allocate_gigabytes, Budget(seconds=30, memory_mb=512)) as pool:
        result = pool.run(Path("hog.txt"))
    assert isinstance(result, ReadError) and "more than 512 MB" in result.reason


def test_a_crash_costs_its_file_only() -> None:
    with BoundedPool(die, Budget(seconds=30, memory_mb=512)) as pool:
        results = dict(pool.map([Path("a"), Path("crash"), Path("b"), Path("c")]))
    assert isinstance(results[Path("crash")], ReadError)
    assert [results[Path(n)] for n in "bc"] == ["b", "c"]


def worker_pid(path: Path) -> int:
    return os.getpid()


def test_workers_are_let_go_when_the_last_result_is_in() -> None:
    """An ingest's workers exit while its last batch is written, not after; the pool still reads
    files asked for afterwards."""
    with BoundedPool(worker_pid, Budget(seconds=30, memory_mb=512), workers=2) as pool:
        pids = {pid for _, pid in pool.map([Path(n) for n in "abcdefgh"], last=True)}
        deadline = time.monotonic() + 10
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(p) for p in pids)  # before the pool is closed
        again = pool.run(Path("i"))
        assert isinstance(again, int) and again not in pids


def test_workers_stay_for_more_files_unless_told_none_will_come() -> None:
    with BoundedPool(worker_pid, Budget(seconds=30, memory_mb=512)) as pool:
        first = pool.run(Path("a"))
        time.sleep(1)
        assert alive(first) and pool.run(Path("b")) == first


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            if kid not in found:
                found.add(kid)
                todo.append(kid)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie no longer does)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(60):
        for plan in SAMPLES.glob("*.txt"):
            shutil.copy(plan, folder / f"{i:03d}-{plan.name}")
    ingest = subprocess.Popen([sys.executable, "-m", "luocdo.cli", "ingest", str(folder), "--store",
                               str(tmp_path / "store")], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    children: set[int] = set()
    deadline = time.monotonic() + 30
    while len(children) < 3 and time.monotonic() < deadline and ingest.poll() is None:
        children |= descendants(ingest.pid)  # the fork server and its two workers
        time.sleep(0.05)
    assert len(children) >= 2, "the ingest started no worker"
    os.kill(ingest.pid, signal.SIGKILL)  # the main process only, not its group
    ingest.wait()
    deadline = time.monotonic() + 10
    while any(alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [c for c in children if alive(c)]
