"""The facts the validity step reads (issue 16): a document's acts on others, the facts it states."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Act:
    """This document acting on another: ``relation`` ∈ repeals, replaces, amends, suspends.

    ``target`` is a canonical id, or ``name:`` + the name and year of a document the text names
    without a number ("name:Pháp lệnh Hải quan 1990")."""

    relation: str
    scope: str  # "whole" | "part"
    target: str | None
    number: str | None
    pinpoint: str | None
    since: str | None
    start: int  # of the sentence, in SourceText.text
    end: int


@dataclass
class Stated:
    """A fact the document reports: ``source`` amends/replaces ``target``."""

    relation: str
    source: str | None
    source_number: str | None
    target: str | None
    target_number: str | None
    start: int
    end: int


@dataclass
class Validity:
    effective_from: str | None = None
    effective_to: str | None = None
    acts: list[Act] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)
    # keys of the facts above, so that a fact read twice is kept once (in constant time)
    seen: set[tuple[str, str, str | None, str | None]] = field(default_factory=set, repr=False, compare=False)
