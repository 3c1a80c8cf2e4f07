"""Where the issuer phrase after a cited number ends: "… của Bộ trưởng Bộ Khoa học và Công nghệ
về việc …" names the minister, "…, của Ủy ban Pháp luật và Tư pháp," the committee."""

from __future__ import annotations

import re

from luocdo.ingest import grammar
from luocdo.ingest.clean import fold_tones
from luocdo.ingest.issuers import organs_with_separators

_UNIT_AFTER_ORGAN = re.compile(r" (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?P<name>(?: \w+){1,4})")


def _place_end(phrase: str, pos: int) -> int:
    """Where the unit named right after an organ ends ("Sở Tài nguyên và Môi trường tỉnh Quảng Ninh"),
    its name being the capitalised words; ``pos`` when none follows."""
    unit = _UNIT_AFTER_ORGAN.match(phrase, pos)
    if unit is None:
        return pos
    end, capitalised = unit.start("name"), False
    for word in re.finditer(r" (\w+)", unit.group("name")):
        if not word.group(1)[0].isupper():
            break
        end, capitalised = unit.start("name") + word.end(), True
    return end if capitalised else pos


def issuer_end(phrase: str) -> int | None:
    """Where the issuer phrase after a number ends (:data:`grammar.ISSUER_END`), never inside the
    name of an organ that holds "và" or a comma: "của Bộ trưởng Bộ Khoa học và Công nghệ về việc …",
    "của Ủy ban Pháp luật và Tư pháp,"."""
    stop = grammar.ISSUER_END.search(phrase)
    if stop is None or stop.group() not in (",", " và "):
        return stop.start() if stop else None
    for organ in organs_with_separators().finditer(fold_tones(phrase)):
        if organ.start() <= stop.start() < organ.end():  # the organ's name, then its unit's place at most
            return _place_end(phrase, organ.end())
    return stop.start()
