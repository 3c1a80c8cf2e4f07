"""The kinds the whole pipeline names, declared once: what a citation does and how it names its
document, the tier of government a document comes from, its branch, and its validity status.

Each is a ``StrEnum``: a member is its own string, so extraction JSON, Cypher parameters and
stored values stay plain text, and code that compares with the text still holds. Extraction
writes a relation in lower case (``implements``); the graph's relationship type is its name
(``IMPLEMENTS``).
"""

from __future__ import annotations

import re
from enum import StrEnum


class Relation(StrEnum):
    """What a citing document does with the one it cites, strongest first."""

    IMPLEMENTS = "implements"
    BASED_ON = "based_on"
    CITES = "cites"

    @property
    def edge_type(self) -> str:
        """The graph's relationship type: ``IMPLEMENTS``, ``BASED_ON``, ``CITES``."""
        return self.name


class Form(StrEnum):
    """How a citation names its document."""

    FULL = "full"  # its number: "Nghị định số 145/2020/NĐ-CP"
    SHORT = "short"  # a short form of an earlier one: "Nghị định 145"
    NAME = "name"  # a name without a number: "Luật Tiếp công dân"
    ALIAS = "alias"  # a name the text gave it: "Kết luận 1231"


class Level(StrEnum):
    """The tier of government a document comes from."""

    NATIONAL = "national"
    PROVINCE = "province"
    DISTRICT = "district"  # before 2025-07-01 only
    COMMUNE = "commune"


class Branch(StrEnum):
    STATE = "state"
    PARTY = "party"


class Status(StrEnum):
    """A document's validity, as far as luocdo knows it."""

    IN_FORCE = "in force"
    EXPIRED = "expired"
    PARTLY_EXPIRED = "partly expired"
    UNKNOWN = "unknown"


# The types of act cited by name rather than number ("Luật Tiếp công dân"), longer words first
# ("Bộ luật" before "Luật"). "Sắc lệnh" (1945–1959 presidential orders) is named only as a
# document an act repeals or replaces, never cited as a basis today.
NAMED_TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
NAMED_TYPES_OF_VALIDITY = (*NAMED_TYPES, "Sắc lệnh")


def pattern(kind: type[StrEnum], *, names: bool = False) -> str:
    """A regular expression that accepts exactly the kind's values (or, with ``names``, its
    members' names): for validating a query parameter."""
    words = [member.name if names else member.value for member in kind]
    return "^(?:" + "|".join(re.escape(word) for word in words) + ")$"
