"""The graph's RDF, kept per store state: an export, or an Oxigraph copy to run SPARQL on, is made
once for each state of the graph and read back until the graph is written again.

Building the RDF of the 574-document corpus takes seconds (networkx, the ELI mapping, the
serialiser); reading it back takes milliseconds. A cache folder holds one state at a time: the
key is the store's :meth:`~luocdo.graph.store.GraphStore.state`, the base IRI and a digest of the
mapping (its code and vocabulary), so an upgrade of luocdo never reads an older mapping. Entries
are written to a temporary name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from luocdo.graph.store import GraphStore


class RdfCache:
    """The RDF of one store, in ``folder`` (``None``: nothing is kept, every call builds)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def of(cls, store: GraphStore) -> RdfCache:
        """The cache beside a store: in its folder's ``cache/rdf`` (a server-side store keeps none)."""
        folder = getattr(store, "cache_folder", None)
        return cls(folder / "rdf" if folder is not None else None)

    def export(self, store: GraphStore, fmt: str, base: str) -> bytes:
        """The whole graph in ``fmt`` (see :data:`luocdo.graph.rdf.FORMATS`)."""
        from luocdo.graph.rdf import export_bytes

        entry = self._entry(store, base)
        path = entry / f"graph.{fmt}" if entry else None
        if path is not None and path.is_file():
            return path.read_bytes()
        body = export_bytes(store, fmt, base)
        if path is not None:
            _write_atomically(path, body)
        return body

    def sparql_store(self, store: GraphStore, base: str) -> ox.Store:
        """An Oxigraph store holding the graph's RDF, for :func:`luocdo.queries.sparql.run_sparql`."""
        entry = self._entry(store, base)
        if entry is None:
            return _loaded(ox.Store(), store, base)
        path = entry / "sparql"
        if not path.is_dir():
            building = Path(tempfile.mkdtemp(prefix="sparql-", dir=entry))
            _loaded(ox.Store(str(building)), store, base)  # closed when dropped: nothing else holds it
            try:
                os.rename(building, path)
            except OSError:  # another process renamed its copy first: use that one
                shutil.rmtree(building, ignore_errors=True)
        return ox.Store.read_only(str(path))

    def _entry(self, store: GraphStore, base: str) -> Path | None:
        """The folder of the store's current state, created; other states' folders are removed."""
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{store.state()}\x1f{base}\x1f{mapping_digest()}".encode()).hexdigest()[:16]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.iterdir():
                if old.name != key and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            (self.folder / key).mkdir(exist_ok=True)
        except OSError:
            return None  # a folder we cannot write: work without the cache
        return self.folder / key


def _loaded(target: ox.Store, store: GraphStore, base: str) -> ox.Store:
    from luocdo.graph.memory import as_networkx
    from luocdo.graph.rdf import serialize, to_rdf

    target.bulk_load(serialize(to_rdf(as_networkx(store), base), "nt"), ox.RdfFormat.N_TRIPLES)
    target.flush()
    return target


def _write_atomically(path: Path, body: bytes) -> None:
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            out.write(body)
        os.replace(out.name, path)
    except OSError:
        pass  # the cache is a convenience: the caller has its bytes


@cache
def mapping_digest() -> str:
    """A digest of what turns the graph into RDF: the mapping's code and its vocabulary."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("rdf.py", "rdf_terms.py", "memory.py"):
        digest.update((here / name).read_bytes())
    for name in ("vocabulary.ttl", "shapes.ttl"):
        digest.update(files("luocdo.data").joinpath(name).read_bytes())
    return digest.hexdigest()[:16]
