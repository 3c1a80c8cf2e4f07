"""The pages' Vietnamese words for the graph's kinds (relations, statuses, levels, branches); the
graph and the API keep their codes, people read these."""

from __future__ import annotations

VIETNAMESE = {
    "IMPLEMENTS": "Thực hiện", "BASED_ON": "Căn cứ", "CITES": "Trích dẫn", "REPLACES": "Thay thế",
    "AMENDS": "Sửa đổi, bổ sung", "REPEALS": "Bãi bỏ", "SUSPENDS": "Ngưng hiệu lực",
    "in force": "còn hiệu lực", "expired": "hết hiệu lực", "partly expired": "hết hiệu lực một phần",
    "unknown": "chưa rõ hiệu lực",
    "national": "trung ương", "province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã",
    "state": "nhà nước", "party": "Đảng", "mass": "đoàn thể",
}


def vi(code: str | None) -> str:
    """The Vietnamese word for a code of the graph; the code itself when there is none."""
    return VIETNAMESE.get(code or "", code or "")
