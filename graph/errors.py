"""The errors of the graph layer, in one place: what a store or a query can refuse or fail with.

Each message is for the user. ``StoreError`` and its subclasses are what callers catch; the API
maps each to its HTTP status (api/problems.py), the CLI to exit code 2.
"""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store that cannot be opened or written; the message is for the user."""


class QueryError(StoreError):
    """The store refused or failed a query; the message is the engine's first line."""


class QueryTimeout(QueryError):
    """A query stopped at its time limit."""


class QueryBusy(QueryError):
    """Too many user queries at once: the caller should retry later."""


class QueryTooLarge(QueryError):
    """A query that passed its memory limit and was stopped."""


class QueryRejected(ValueError):
    """A query the read-only endpoint will not run; the message says why."""
