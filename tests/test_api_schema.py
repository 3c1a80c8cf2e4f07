"""schemathesis against the served ``/openapi.json``: no 5xx, no response outside the schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .api_server import serving
from .conftest import SAMPLES, ingested


def test_schemathesis_finds_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingested(store, SAMPLES)
    env = {"LUOCDO_API_TOKEN": "schema-token", "LUOCDO_UPLOADS": str(tmp_path / "uploads"),
           "LUOCDO_CYPHER_TIMEOUT_S": "2"}
    st = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or "schemathesis"
    checks = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"
    with serving("--store", str(store), env=env, log=tmp_path / "server.log") as api:
        runs = [  # every operation; then /cypher's bodies (query and parameters) harder
            [st, "run", f"{api.base_url}/openapi.json", "--generation-deterministic", "-n", "40", "-c", checks,
             "--suppress-health-check=filter_too_much", "-H", "Authorization: Bearer schema-token"],
            [st, "run", f"{api.base_url}/openapi.json", "--generation-deterministic", "-n", "200", "-c", checks,
             "--include-path", "/cypher", "--suppress-health-check=filter_too_much"],
        ]
        results = [subprocess.run(run, capture_output=True, text=True, timeout=900) for run in runs]
        assert api.get("/healthz").status_code == 200
    for result in results:
        assert result.returncode == 0, result.stdout[-4000:]
        assert " passed" in result.stdout and "failed" not in result.stdout.split("SUMMARY")[-1]
