"""The pages' Vietnamese words for the graph's kinds (relations, statuses, levels, branches); the
graph and the API keep their codes, people read these."""

from __future__ import annotations

VIETNAMESE = {
    "IMPLEMENTS": "Thực hiện", "BASED_ON": "Căn cứ", "CITES": "Trích dẫn", "REPLACES": "Thay thế",
    "AMENDS": "Sửa đổi, bổ sung", "REPEALS": "Bãi bỏ", "SUSPENDS": "Ngưng hiệu lực",
    "in force": "còn hiệu lực", "in force (no end known)": "chưa thấy hết hiệu lực",
    "expired": "hết hiệu lực", "partly expired": "hết hiệu lực một phần",
    "unknown": "chưa rõ hiệu lực", "suspended": "ngưng hiệu lực", "not yet in force": "chưa có hiệu lực",
    # a document's validity facts, seen from the document they are about ("amended by" …)
    "AMENDS_BY": "Được sửa đổi, bổ sung bởi", "REPEALS_BY": "Bị bãi bỏ bởi", "REPLACES_BY": "Bị thay thế bởi",
    "SUSPENDS_BY": "Bị ngưng hiệu lực bởi", "ENDS_BY": "Hết hiệu lực theo",
    # … of part of it only (a document partly expired)
    "REPEALS_PART_BY": "Bị bãi bỏ một phần bởi", "REPLACES_PART_BY": "Bị thay thế một phần bởi",
    "SUSPENDS_PART_BY": "Bị ngưng hiệu lực một phần bởi", "ENDS_PART_BY": "Hết hiệu lực một phần theo",
    "part": "một phần", "whole": "toàn bộ", "reference": "dữ liệu tham chiếu", "text": "văn bản",
    # who states a validity fact (queries.validity.Fact.said_by)
    "its own text": "chính văn bản đó", "an unnumbered document": "một văn bản không số",
    "national": "trung ương", "province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã",
    "state": "nhà nước", "party": "Đảng", "mass": "đoàn thể",
    # the fields a citation can disagree on (conflicts)
    "date": "ngày ban hành", "type": "loại văn bản", "number": "số hiệu", "ended": "ngày hết hiệu lực",
    "effective_from": "ngày có hiệu lực", "effective_to": "ngày hết hiệu lực", "title": "trích yếu",
    "issuer": "cơ quan ban hành",
}


def vi(code: str | None) -> str:
    """The Vietnamese word for a code of the graph; the code itself when there is none."""
    return VIETNAMESE.get(code or "", code or "")
