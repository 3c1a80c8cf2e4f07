"""A document's status as of a date, derived from every validity fact the graph holds.

The facts are the rows of the ``validity_facts`` named query (edges that repeal, replace, amend or
suspend it) and the document's own dates. The reference data comes first: when it says how a
document ended, the texts' say on that is only checked against it (``audit conflicts``); when it
says nothing, the texts decide. A fact without a date makes the answer undetermined, never "in
force". An unverified reference fact says so in its label.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from luocdo.graph.store import Row

ENDING = ("REPEALS", "REPLACES", "SUSPENDS")  # whole scope: the document is no longer in force
ENDED = ("expired", "suspended")  # the statuses of a document no longer in force
REFERENCE = "reference"
TEXT = "text"  # another document's text says it
OWN_TEXT = "own text"
# In force because it took effect (its text or a citation says when) and no fact the graph holds ends
# it; the reference data has not confirmed it: people read it as a weaker claim than "in force".
IN_FORCE_AS_FAR_AS_KNOWN = "in force (no end known)"  # the document's own text says it ("… có hiệu lực đến hết ngày …")


@dataclass(frozen=True)
class Fact:
    """One fact about a document: ``source`` repeals / replaces / amends / suspends it."""

    relation: str  # REPEALS | REPLACES | AMENDS | SUSPENDS, or ENDS (the document's own end date)
    since: str | None
    source_number: str | None = None
    source: str | None = None  # the id of the document that repeals / replaces / amends / suspends it
    source_type: str | None = None
    scope: str | None = None
    pinpoint: str | None = None
    from_text: bool = False
    origin: str | None = None  # reference: its source; text: the id of the document that says it
    origin_number: str | None = None
    origin_type: str | None = None
    verified: bool | None = None
    sentence: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Fact:
        """A ``validity_facts`` row; a fact without a date of its own takes effect with its source."""
        return cls(relation=row["relation"], since=row["since"] or row.get("source_from"),
                   source_number=row.get("source_number"), source=row.get("source"),
                   source_type=row.get("source_type"), scope=row.get("scope"), pinpoint=row.get("pinpoint"),
                   from_text=bool(row.get("from_text")), origin=row.get("origin"),
                   origin_number=row.get("origin_number"), origin_type=row.get("origin_type"),
                   verified=row.get("verified"),
                   sentence=row.get("sentence"))

    @property
    def ends(self) -> bool:
        return self.relation == "ENDS" or (self.relation in ENDING and self.scope != "part")

    @property
    def evidence(self) -> str:
        if not self.from_text:
            return REFERENCE
        return OWN_TEXT if self.relation == "ENDS" else TEXT

    @property
    def said_by(self) -> str | None:
        """Who says it: the document (type and number; never a file) for a text, the reference
        data's source."""
        if not self.from_text:
            return self.origin or "reference data"
        if self.evidence == OWN_TEXT:
            return "its own text"
        named = " ".join(v for v in (self.origin_type, self.origin_number) if v)
        return named or "an unnumbered document"


@dataclass(frozen=True)
class Own:
    """What a document's node says of itself: since when it is in force, the reference data's
    status (``verified`` when that data describes it), and its own end as facts."""

    effective_from: str | None = None
    status: str | None = None
    verified: bool | None = None
    end_facts: tuple[Fact, ...] = ()

    @classmethod
    def from_row(cls, row: Row, prefix: str = "") -> Own:
        status, verified = row.get(prefix + "status"), row.get(prefix + "verified")
        ends = _end_facts(row.get("effective_to"), row.get("text_effective_to"), status, verified)
        return cls(row.get("effective_from"), status, verified, ends)


def _end_facts(effective_to: str | None, text_effective_to: str | None, status: str | None,
               verified: bool | None) -> tuple[Fact, ...]:
    """A node's own end date as a fact: the reference data's (``effective_to``, else the status
    "expired" without a date), and the one its text states."""
    out = []
    if effective_to and effective_to != text_effective_to:
        out.append(Fact("ENDS", effective_to, verified=verified))
    elif status == "expired" and not effective_to:
        out.append(Fact("ENDS", None, verified=verified))
    if text_effective_to:
        out.append(Fact("ENDS", _day_after(text_effective_to), from_text=True))
    return tuple(out)


def _day_after(last_day: str) -> str:
    """The first day out of force after a text's last day in force ("đến hết ngày X"); the
    reference data's end dates are already first days out (the successor's start)."""
    if len(last_day) < 10:
        return last_day
    return (date.fromisoformat(last_day[:10]) + timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class Status:
    """A document's status on a day, and the fact that decided it."""

    status: str  # "in force" | "expired" | "suspended" | "partly expired" | "not yet in force" | "unknown"
    fact: Fact | None = None
    undetermined: bool = False  # a fact that may end it has no date
    amended_by: tuple[str, ...] = field(default=())
    no_end_known: bool = False  # "in force" only because it took effect and nothing known ends it

    @property
    def label(self) -> str:
        """The status as people read it: an unverified reference fact says so."""
        if self.fact is not None and self.fact.since is None and self.status in ENDED:
            return f"{self.status}, date unknown"
        if self.fact is not None and self.fact.evidence == REFERENCE and self.fact.verified is False:
            return f"{self.status} (unverified)"
        if self.no_end_known:
            return IN_FORCE_AS_FAR_AS_KNOWN
        return self.status

    def evidence(self) -> dict[str, Any]:
        """Where the status comes from, for output rows."""
        f = self.fact
        by = f.source_number if f and f.relation != "ENDS" else None
        return {"status": self.label, "status_code": self.status, "since": f.since if f else None, "by": by,
                "by_id": f.source if f and by else None, "by_type": f.source_type if f and by else None,
                "replaced_by": by if f and f.relation == "REPLACES" else None,
                "evidence": f.evidence if f else None, "said_by": f.said_by if f else None,
                "verified": f.verified if f and f.evidence == REFERENCE else None,
                "sentence": f.sentence if f else None}


def status_as_of(own: Own, facts: list[Fact], on: str) -> Status:
    """The document's status on ``on`` (ISO day): ended by the reference data's facts when it has
    any, else by its texts'; else not yet in force, partly expired, in force, or unknown."""
    ending = _ending(own, facts)
    ended = [f for f in ending if f.since is not None and _period(f.since)[1] <= on]
    if ended:
        first = min(ended, key=lambda f: (f.since or "", f.relation != "REPLACES"))
        return Status(_ended_status(first), first)
    amended = tuple(sorted({f.source_number or "" for f in facts
                            if f.relation == "AMENDS" and f.since and f.since <= on}))
    # No date, or a partial one ("2023") whose period holds ``on``: it may have ended, or not yet.
    maybe = [f for f in ending if f.since is None or _period(f.since)[0] <= on]
    if maybe:
        return Status(_ended_status(maybe[0]), maybe[0], undetermined=True, amended_by=amended)
    if own.effective_from and own.effective_from > on and len(own.effective_from) == 10:
        return Status("not yet in force", amended_by=amended)
    parts = [f for f in facts if f.relation in ENDING and f.scope == "part" and f.since and f.since <= on]
    if parts:
        return Status("partly expired", min(parts, key=lambda f: f.since or ""), amended_by=amended)
    if own.status == "partly expired":
        return Status("partly expired", Fact("ENDS", None, verified=own.verified), amended_by=amended)
    if own.status == "in force":
        return Status("in force", amended_by=amended)
    if own.effective_from or amended:
        return Status("in force", amended_by=amended, no_end_known=True)
    return Status("unknown")


def _ended_status(fact: Fact) -> str:
    return "suspended" if fact.relation == "SUSPENDS" else "expired"


def _ending(own: Own, facts: list[Fact]) -> list[Fact]:
    """The facts that end the document as a whole: the reference data's, else the texts'."""
    all_ending = [f for f in facts if f.ends] + list(own.end_facts)
    reference = [f for f in all_ending if not f.from_text]
    return reference or all_ending


def outdated_on(own: Own, facts: list[Fact], day: str | None) -> Status | None:
    """The status that makes a citation on ``day`` outdated, or ``None`` when it is not. A partial
    day ("2022", "2022-06") or none: outdated when it is so all the period long, undetermined (the
    returned status says so) when only in part of it."""
    first, last = _period(day)
    at_last = status_as_of(own, facts, last)
    if at_last.status not in ENDED:
        return None
    if at_last.undetermined or first == last:
        return at_last
    at_first = status_as_of(own, facts, first)
    if at_first.status in ENDED and not at_first.undetermined:
        return at_first
    return Status(at_last.status, at_last.fact, undetermined=True, amended_by=at_last.amended_by)


def _period(day: str | None) -> tuple[str, str]:
    """The first and last ISO day of a possibly partial date; of all time when there is none."""
    if not day:
        return "0001-01-01", "9999-12-31"
    if len(day) >= 10:
        return day[:10], day[:10]
    if len(day) == 7:
        year, month = int(day[:4]), int(day[5:7])
        return f"{day}-01", f"{day}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{day[:4]}-01-01", f"{day[:4]}-12-31"


def facts_by_document(rows: list[Row]) -> dict[str, list[Fact]]:
    """``validity_facts`` rows grouped by the document they are about."""
    out: dict[str, list[Fact]] = {}
    for r in rows:
        out.setdefault(r["document"], []).append(Fact.from_row(r))
    return out


def ending_conflicts(document: str, number: str | None, facts: list[Fact]) -> list[dict[str, Any]]:
    """Where the texts disagree with the reference data, or with each other, on when ``document``
    ended as a whole: one row per date a text gives (``known`` is the reference data's)."""
    ending = [f for f in facts if f.ends and f.since]
    known = sorted({f.since for f in ending if not f.from_text and f.since})
    said: dict[str, set[str]] = {}
    for f in ending:
        if f.from_text and f.since:
            said.setdefault(f.since, set()).add(f.origin or "")
    if not said or len(set(said) | set(known)) < 2:
        return []
    return [{"cited": document, "number": number, "field": "ended", "known": known[0] if known else None,
             "said": value, "agrees": value in known, "citing": sorted(origins)}
            for value, origins in sorted(said.items())]
