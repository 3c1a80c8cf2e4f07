"""The API under load and attack: reads keep answering during an ingest; uploads cannot escape their
folder; no CORS unless asked; security headers on pages; no stack trace ever reaches a client."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .api_server import serving
from .conftest import SAMPLES, ingested

TOKEN = "safety-token-5555"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    folder = tmp_path_factory.mktemp("safety")
    ingested(folder / "store", SAMPLES)
    env = {"LUOCDO_API_TOKEN": TOKEN, "LUOCDO_UPLOADS": str(folder / "uploads")}
    with serving("--store", str(folder / "store"), env=env, log=folder / "server.log") as client:
        yield client, folder


def test_reads_keep_answering_while_an_ingest_writes(server: tuple[httpx.Client, Path], corpus: Path) -> None:
    api, _ = server
    files = [("files", (f.name, f.read_bytes(), "text/plain")) for f in sorted(corpus.rglob("*.txt"))[:40]]
    done = threading.Event()
    result: dict[str, object] = {}

    def upload() -> None:
        with httpx.Client(base_url=str(api.base_url), timeout=600) as writer:
            result["response"] = writer.post("/documents", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
        done.set()

    threading.Thread(target=upload).start()
    statuses: list[int] = []
    latencies: list[float] = []
    paths = ["/documents/10/2022/QH15", "/documents?q=phap%20lenh%2034", "/healthz",
             "/documents/34/2007/PL-UBTVQH11/cited-by"]
    while not done.is_set() or len(statuses) < 40:
        start = time.perf_counter()
        statuses.append(api.get(paths[len(statuses) % len(paths)]).status_code)
        latencies.append(time.perf_counter() - start)
    response = result["response"]
    assert isinstance(response, httpx.Response) and response.status_code == 200, response
    assert all(f["status"] in ("ingested", "failed") for f in response.json()["files"])
    assert not [s for s in statuses if s >= 500] and set(statuses) == {200}
    latencies.sort()
    print(f"\n{len(statuses)} reads during the ingest: p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms")


def test_uploads_cannot_escape_their_folder(server: tuple[httpx.Client, Path]) -> None:
    api, folder = server
    body = (SAMPLES / next(p.name for p in SAMPLES.glob("002-*"))).read_bytes()
    for name in ("../../escape.txt", "..\\..\\escape.txt", "/etc/escape.txt", "....//escape.txt"):
        response = api.post("/documents", files=[("files", (name, body, "text/plain"))],
                            headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        saved = response.json()["files"][0]["file"]
        assert "/" not in saved and "\\" not in saved and not saved.startswith(".")
    assert not list(folder.parent.glob("escape.txt")) and not list(folder.glob("escape.txt"))
    assert not Path("/etc/escape.txt").exists()
    assert {p.name for p in (folder / "uploads").iterdir()} <= {"escape.txt", "etc_escape.txt", "_.._escape.txt",
                                                                 ".._.._escape.txt"} | {
        p.name for p in (folder / "uploads").iterdir() if p.parent == folder / "uploads"}
    for path in ("/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/vis/../../app.py"):
        assert api.get(path).status_code == 404, path


def test_no_cors_and_safe_headers(server: tuple[httpx.Client, Path]) -> None:
    api, _ = server
    evil = {"Origin": "https://evil.example"}
    response = api.get("/documents/10/2022/QH15", headers=evil)
    assert "access-control-allow-origin" not in response.headers
    preflight = api.options("/cypher", headers=evil | {"Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    page = api.get("/doc/10/2022/QH15")
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"


def test_errors_never_carry_a_stack_trace(server: tuple[httpx.Client, Path]) -> None:
    api, _ = server
    attempts = [api.post("/cypher", json={"query": "RETURN $x", "parameters": {"x": 2 ** 80}}),
                api.post("/cypher", content=b"{not json", headers={"content-type": "application/json"}),
                api.get("/documents", params={"cursor": "%%%"}), api.get("/resolve", params={"q": "\x00" * 50}),
                api.post("/queries/implementers_of", json={"parameters": {"number": "x", "depth": -3}}),
                api.get("/audit/coverage", params={"number": "x", "province": "Atlantis"})]
    for response in attempts:
        assert response.status_code < 500, response.text[:300]
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith("application/problem+json")
        assert "Traceback" not in response.text and 'File "' not in response.text
    assert api.get("/healthz").status_code == 200


def test_token_is_compared_in_constant_time() -> None:
    source = (Path(__file__).parent.parent / "api" / "limits.py").read_text(encoding="utf-8")
    assert "hmac.compare_digest" in source and "== settings.token" not in source


def test_uploads_folder_is_kept_clean_of_partial_files(server: tuple[httpx.Client, Path]) -> None:
    api, folder = server
    big = b"a" * (60 * 2**20)
    response = api.post("/documents", files=[("files", ("big.txt", big, "text/plain"))],
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert not list((folder / "uploads").glob(".part-*"))
