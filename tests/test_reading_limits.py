"""Special files: only regular files are read, never past the size limit, and a folder's pipes,
devices, dangling links, loops, links out of it and non-documents are skipped with one line each
(issue 15, item 16; issue 17, item 6)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from luocdo.ingest.inputs import input_files
from luocdo.ingest.models import ReadError
from luocdo.ingest.readers import read_file

from .conftest import sample
from .support import luocdo


def read_within(path: Path, seconds: float = 5) -> ReadError | None:
    """Read ``path`` in a thread; the error it gave (None if it read), failing if it hangs."""
    outcome: list[ReadError | None] = []

    def run() -> None:
        try:
            read_file(path)
            outcome.append(None)
        except ReadError as err:
            outcome.append(err)

    reader = threading.Thread(target=run, daemon=True)
    reader.start()
    reader.join(seconds)
    assert outcome, f"reading {path} hung for {seconds} s"
    return outcome[0]


def test_a_pipe_named_on_the_command_line_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    err = read_within(fifo)
    assert err is not None and "pipe" in err.reason


def test_a_link_to_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    err = read_within(link)
    assert err is not None and "character device" in err.reason


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(sample("000"), folder / "plan.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    outside = tmp_path / "secret.txt"
    shutil.copy(sample("001"), outside)
    (folder / "secret.txt").symlink_to(outside)
    (folder / "README.md").write_text("# Plans\nThực hiện Luật số 10/2022/QH15.\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("Nguồn: Kế hoạch số 1/KH-UBND.\n", encoding="utf-8")
    (folder / "draft-old.txt").write_text("Kế hoạch số 2/KH-UBND.\n", encoding="utf-8")
    return folder


def test_a_folder_yields_its_regular_documents_only(hostile_folder: Path) -> None:
    found = input_files([hostile_folder], exclude=["draft-*"])
    assert [p.name for p in found.files] == ["plan.txt"]
    reasons = {s.path.name: s.reason for s in found.skipped}
    assert "pipe" in reasons["pipe.txt"] and "character device" in reasons["zero.txt"]
    assert reasons["gone.txt"] == "dangling link" and reasons["loop.txt"] == "link loop"
    assert "outside the folder" in reasons["secret.txt"]
    assert "not a document" in reasons["README.md"] and "not a document" in reasons["SOURCES.md"]
    assert reasons["draft-old.txt"] == "excluded"
    followed = input_files([hostile_folder], follow_links=True, exclude=["draft-*"])
    assert sorted(p.name for p in followed.files) == ["plan.txt", "secret.txt"]


def test_ingest_says_one_line_per_skipped_entry(hostile_folder: Path, tmp_path: Path) -> None:
    result = luocdo("ingest", str(hostile_folder), "--exclude", "draft-*", "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 8, result.stderr  # README, SOURCES, draft, dangling, loop, pipe, outside, device
    shown = luocdo("cypher", "MATCH (d:Document) WHERE d.in_corpus RETURN d.source AS source",
                   "--store", str(tmp_path / "store"), "--json")
    assert "secret.txt" not in shown.stdout and "plan.txt" in shown.stdout


def test_a_document_page_never_shows_a_file_that_changed(tmp_path: Path) -> None:
    """Issue 15, item 16: the page shows what was ingested; a file replaced afterwards (here by a
    link to another file) is not shown, and the page says why."""
    from .api_server import in_process, ladybug
    from .conftest import ingested

    plan = tmp_path / "plan.txt"
    shutil.copy(sample("001"), plan)
    store = ingested(tmp_path / "store", plan)
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT: mật khẩu quản trị là 12345\n", encoding="utf-8")
    with in_process(ladybug(store, read_only=True)) as client:
        (doc,) = client.get("/documents", params={"in_corpus": True}).json()["items"]
        before = client.get(f"/doc/{doc['id']}").text
        assert "Hưng Đạo" in before and "đã thay đổi" not in before
        plan.unlink()
        plan.symlink_to(secret)
        after = client.get(f"/doc/{doc['id']}").text
        assert "12345" not in after and "đã thay đổi" in after


def test_a_docx_whose_zip_directory_understates_a_member_is_refused(tmp_path: Path) -> None:
    """Issue 15, item 7: the sizes in the zip directory are the sender's word; a document.xml
    said to be 1000 bytes that inflates to 48 MB was inflated whole (640 MB resident) before."""
    import io
    import struct
    import zipfile

    body = b"<w:document><w:body><w:p><w:r><w:t>" + b"a" * (48 << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body)
    data = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, directory entry
        at = data.find(signature)
        while at >= 0:
            if struct.unpack_from("<I", data, at + offset)[0] == len(body):
                struct.pack_into("<I", data, at + offset, 1000)
            at = data.find(signature, at + 4)
    (tmp_path / "liar.docx").write_bytes(bytes(data))
    err = read_within(tmp_path / "liar.docx")
    assert err is not None and "zip directory says" in err.reason, err
