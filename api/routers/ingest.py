"""Writes: upload files to ingest (a bearer token is needed); extract citations without writing."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from luocdo.api.deps import Config, Store, require_token
from luocdo.api.models import FileResult, IngestResult
from luocdo.api.problems import Problem
from luocdo.api.settings import Settings
from luocdo.api.uploads import safe_name, save, save_all
from luocdo.graph.load import ingest_paths
from luocdo.ingest.budget import BoundedPool, Budget
from luocdo.ingest.models import ReadError
from luocdo.ingest.pipeline import Extraction
from luocdo.ingest.pipeline import extract as extract_file

router = APIRouter(tags=["ingest"])


@router.post("/documents", response_model=IngestResult, dependencies=[Depends(require_token)],
             summary="Upload files to ingest (needs Authorization: Bearer <token>)")
async def upload_documents(store: Store, settings: Config,
                           files: Annotated[list[UploadFile], File(description="One or more files")]) -> IngestResult:
    """Each file lands whole or not at all; the answer says, per file, what happened."""
    if len(files) > settings.upload_max_files:
        raise Problem(413, "Content too large", f"at most {settings.upload_max_files} files per request")
    saved = await save_all(files, settings.uploads, settings.upload_max_bytes)
    summary = await run_in_threadpool(ingest_paths, store, saved, workers=1)
    failed = {e.source: e.reason for e in summary.errors}
    unchanged = set(summary.unchanged)
    results = [FileResult(file=p.name, status="failed", reason=failed[str(p)]) if str(p) in failed
               else FileResult(file=p.name, status="unchanged" if str(p) in unchanged else "ingested")
               for p in saved]
    stats = await run_in_threadpool(store.stats)
    return IngestResult(files=results, documents=stats["in_corpus"])


_extracting = threading.BoundedSemaphore(2)  # extractions at once; each in a worker within its budget
_extractor_lock = threading.Lock()


def extractor(request: Request) -> BoundedPool[Extraction]:
    """The worker pool /extract reads files in, started on first use and kept."""
    state = request.app.state
    with _extractor_lock:
        if getattr(state, "extractor", None) is None:
            settings: Settings = state.settings
            state.extractor = BoundedPool(extract_file, Budget(settings.extract_seconds, settings.extract_max_mb),
                                          workers=2)
        pool: BoundedPool[Extraction] = state.extractor
    return pool


@router.post("/extract", summary="Citations of a text or a file, as `luocdo extract --json` gives them")
async def extract(request: Request, settings: Config,
                  file: Annotated[UploadFile | None, File(description="A document file")] = None,
                  text: Annotated[str | None, Form(max_length=5_000_000, description="Or the text itself")] = None,
                  ) -> dict[str, Any]:
    """Nothing is written to the graph. The file is read in a worker process within a time and
    memory budget; at most two extractions run at once (429 beyond)."""
    if (file is None) == (text is None):
        raise Problem(422, "Invalid request", "send either a file or a text")
    folder = Path(tempfile.mkdtemp(prefix="luocdo-extract-"))
    try:
        if file is not None:
            path, _ = await save(file, folder, settings.upload_max_bytes)
        else:
            path = folder / "text.txt"
            path.write_text(text or "", encoding="utf-8")
        if not _extracting.acquire(blocking=False):
            raise Problem(429, "Too many requests", "other extractions are under way; try again shortly",
                          retry_after=2)
        try:
            result = await run_in_threadpool(extractor(request).run, path)
        finally:
            _extracting.release()
        if isinstance(result, ReadError):
            raise Problem(422, "Unreadable document", f"{safe_name(path.name)}: {result.reason}")
        out = result.to_json()
        out["source"] = path.name
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)
