"""Request bodies, uploads, the documentation pages and host names, against a real server
(``luocdo serve`` under uvicorn): what issue 15 found an attacker could do over HTTP."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .api_server import serving
from .conftest import ingested, sample

TOKEN = "limits-token-0123456789"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    folder = tmp_path_factory.mktemp("limits")
    store = folder / "store"
    ingested(store, sample("000"))
    (folder / "spool").mkdir()
    env = {"LUOCDO_API_TOKEN": TOKEN, "LUOCDO_UPLOADS": str(folder / "uploads"),
           "LUOCDO_UPLOAD_MAX_BYTES": "2000000", "TMPDIR": str(folder / "spool")}
    with serving("--store", str(store), env=env, log=folder / "server.log") as client:
        yield client, folder


def raw_post(client: httpx.Client, path: str, headers: dict[str, str], body_mb: int) -> tuple[int, float]:
    """POST ``body_mb`` MB of zeros through a plain socket (chunked when the headers say so),
    stopping as soon as the server answers; the status and the seconds it took. The body is
    never held in memory."""
    sock = socket.create_connection(("127.0.0.1", client.base_url.port), timeout=30)
    start = time.monotonic()
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    sock.sendall((head + "\r\n").encode())
    chunk = b"\0" * (1 << 20)
    if headers.get("Transfer-Encoding") == "chunked":
        chunk = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sock.setblocking(False)
    answer = b""
    try:
        for _ in range(body_mb):
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            if answer:
                break
            try:
                sock.send(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                time.sleep(0.01)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            answer += sock.recv(65536)
    finally:
        sock.close()
    return int(answer.split(b" ", 2)[1]), time.monotonic() - start


def spooled_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in (folder / "spool").rglob("*") if f.is_file())


def test_a_write_without_the_token_is_refused_before_its_body(server: tuple[httpx.Client, Path]) -> None:
    client, folder = server
    boundary = "x" * 20
    for headers, status in (({}, 401), ({"Authorization": "Bearer wrong"}, 401)):
        headers = headers | {"Content-Type": f"multipart/form-data; boundary={boundary}",
                             "Content-Length": str(1500 << 20)}
        code, took = raw_post(client, "/documents", headers, body_mb=1500)
        assert code == status and took < 10
    assert spooled_bytes(folder) == 0
    assert client.get("/healthz").status_code == 200


def test_every_body_is_capped(server: tuple[httpx.Client, Path]) -> None:
    client, folder = server
    declared, took = raw_post(client, "/cypher", {"Content-Type": "application/json",
                                                   "Content-Length": str(300 << 20)}, body_mb=300)
    assert declared == 413 and took < 10
    chunked, took = raw_post(client, "/cypher", {"Content-Type": "application/json",
                                                  "Transfer-Encoding": "chunked"}, body_mb=300)
    assert chunked == 413 and took < 10
    big_json = b'{"query": "RETURN 1", "parameters": {"x": "' + b"a" * (3 << 20) + b'"}}'
    assert client.post("/cypher", content=big_json, headers={"Content-Type": "application/json"}).status_code == 413
    upload, took = raw_post(client, "/documents", {"Authorization": f"Bearer {TOKEN}",
                                                   "Content-Type": "multipart/form-data; boundary=yyyy",
                                                   "Content-Length": str(2 << 30)}, body_mb=2048)
    assert upload == 413 and took < 10
    assert spooled_bytes(folder) == 0


def test_two_files_of_one_name_both_land(server: tuple[httpx.Client, Path]) -> None:
    client, folder = server
    first = sample("001").read_bytes()
    second = sample("003").read_bytes()
    response = client.post("/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                           files=[("files", ("dir1/plan.txt", first, "text/plain")),
                                  ("files", ("dir2/plan.txt", second, "text/plain"))])
    assert response.status_code == 200, response.text
    saved = sorted((folder / "uploads").rglob("plan.txt"))
    assert len(saved) == 2 and {p.read_bytes() for p in saved} == {first, second}
    sources = {row[0] for row in client.post("/cypher", json={
        "query": "MATCH (d:Document) WHERE d.source ENDS WITH 'plan.txt' RETURN d.source"}).json()["rows"]}
    assert sources == {str(p) for p in saved}


def test_a_refused_request_writes_nothing(server: tuple[httpx.Client, Path]) -> None:
    client, folder = server
    before = sorted(p for p in (folder / "uploads").rglob("*")) if (folder / "uploads").exists() else []
    mixed = client.post("/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                        files=[("files", ("good.txt", b"Thuc hien Luat so 10/2022/QH15", "text/plain")),
                               ("files", ("bad.exe", b"MZ", "application/octet-stream"))])
    assert mixed.status_code == 415
    too_big = client.post("/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                          files=[("files", ("fresh.txt", b"Ke hoach moi so 1/KH-UBND", "text/plain")),
                                 ("files", ("huge.txt", b"a" * 2_100_000, "text/plain"))])
    assert too_big.status_code == 413
    after = sorted(p for p in (folder / "uploads").rglob("*")) if (folder / "uploads").exists() else []
    assert after == before


def test_a_long_vietnamese_name_is_cut_by_bytes(server: tuple[httpx.Client, Path]) -> None:
    client, folder = server
    name = "Kế hoạch thực hiện dân chủ ở cơ sở trên địa bàn xã " * 8 + ".txt"
    response = client.post("/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                           files=[("files", (name, sample("002").read_bytes(), "text/plain"))])
    assert response.status_code == 200, response.text
    saved = [p for p in (folder / "uploads").rglob("*.txt") if p.name.startswith("Kế")]
    assert saved and all(len(p.name.encode()) <= 255 for p in saved)
    assert not list((folder / "uploads").rglob(".part-*"))


def test_the_documentation_is_served_offline_with_a_policy(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200
        assert "http://" not in response.text and "https://" not in response.text  # no CDN, no fonts
        scripts = response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert "'self'" in scripts and "unsafe" not in scripts
        assert ("'sha256-" in scripts) == (page == "/docs")  # Swagger UI's one inline script, by its hash
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert client.get(f"/static/docs/{asset}").status_code == 200


def test_only_loopback_host_names_reach_a_loopback_server(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    assert client.get("/healthz", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400


def test_the_documentation_renders_in_a_browser(server: tuple[httpx.Client, Path]) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    client, _ = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{client.base_url}/docs")
            page.wait_for_selector(".opblock", timeout=15000)
            assert page.locator(".opblock").count() > 10 and not violations
        finally:
            browser.close()


def test_extractions_beyond_two_at_once_are_told_to_wait(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    text = sample("001").read_bytes()
    big = (text * (1_900_000 // len(text) + 1))[:1_900_000].decode("utf-8", "ignore").encode()  # ~3 s to read
    start = threading.Barrier(4)

    def extract() -> httpx.Response:
        with httpx.Client(base_url=client.base_url, timeout=120) as own:
            start.wait()
            return own.post("/extract", files={"file": ("big.txt", big, "text/plain")})

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: extract(), range(4)))
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) == {200, 429}, [a.text[:200] for a in answers]
    busy = next(a for a in answers if a.status_code == 429)
    assert busy.headers["content-type"].startswith("application/problem+json") and busy.headers["retry-after"]
    assert client.post("/extract", data={"text": "Căn cứ Luật số 10/2022/QH15"}).status_code == 200
