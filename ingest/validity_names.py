"""Documents an act names without a number: "Luật này thay thế Luật đất đai đã được Quốc hội …
thông qua ngày 29 tháng 12 năm 1987", "a) Pháp lệnh thuế nhà, đất năm 1992;". Laws, codes,
ordinances and constitutions only, and only with a year: the target is ``name:`` + the name as
written + the year ("name:Luật đất đai 1987"; a name ending in "năm 1992" keeps it).
"""

from __future__ import annotations

import re

from luocdo.ingest.validity_text import Sentence

# A document cited by its name ("Luật đất đai đã được Quốc hội … thông qua ngày … năm 1987",
# "Pháp lệnh thuế nhà, đất năm 1992;"): laws, codes, ordinances, constitutions.
_NAMED = re.compile(
    r"\s*(?:toàn bộ\s+)?(?P<name>(?:bộ luật|luật|pháp lệnh|hiến pháp|sắc lệnh)\s[^;:()“”]{1,200}?)"
    r"(?=\s*(?:[;.]|$)|\s(?:đã được|được|do|đã|ban hành|thông qua|ngày\s*\d|số\s*\d|hết hiệu lực"
    r"|có hiệu lực)(?!\w))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def named_target(t: str, s: Sentence, pos: int, before: int | None = None) -> str | None:
    """``name:`` + the name a document is written by at ``pos`` of the sentence, with its year
    ("name:Luật đất đai 1987", "name:Pháp lệnh thuế nhà, đất năm 1992"); None without a year."""
    m = _NAMED.match(s.low, pos, before if before is not None else len(s.low))
    if not m or m["name"].endswith(" này"):
        return None
    name = " ".join(t[s.start + m.start("name"):s.start + m.end("name")].split()).rstrip(" ,")
    if _YEAR.search(name[-4:]):
        return f"name:{name}"
    year = _YEAR.search(s.low, m.end())
    return f"name:{name} {year.group(1)}" if year else None
