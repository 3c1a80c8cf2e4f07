"""The filters of the outdated-citations audit, as query parameters: shared by the API and the pages."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from luocdo.ingest.kinds import Branch, Level, Relation, pattern
from luocdo.queries import audits


def citing_filter(
    level: Annotated[str | None, Query(pattern=pattern(Level),
                                       description="Citing documents of this level")] = None,
    province: Annotated[str | None, Query(max_length=100, description="Citing documents of this province: "
                                                                      "'Hà Tĩnh'")] = None,
    type: Annotated[str | None, Query(max_length=100, description="Citing documents of this type: "
                                                                  "'Quyết định'")] = None,
    branch: Annotated[str | None, Query(pattern=pattern(Branch), description="Citing documents of this branch")
                      ] = None,
    plans_only: Annotated[bool, Query(description="Only plans (Kế hoạch) citing")] = False,
    relation: Annotated[str | None, Query(pattern=pattern(Relation, names=True),
                                          description="Only citations of this kind")] = None,
) -> audits.Citing:
    return audits.Citing(level, province, type, branch, plans_only, relation)


PAGE_ROWS = 100  # outdated citations per audit page


def filter_query(as_of: str | None, citing: audits.Citing) -> str:
    """The query string that asks for these filters again (pages, CSV links)."""
    given = {"as_of": as_of, "level": citing.level, "province": citing.province, "type": citing.type,
             "branch": citing.branch, "plans_only": "true" if citing.plans_only else None,
             "relation": citing.relation}
    return urlencode({k: v for k, v in given.items() if v})
