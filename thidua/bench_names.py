"""Made-up registry records for `make bench`'s search: people's names, an organizer and its decisions. Data,
not interface text: Vietnamese as the office's records are, so that the search without diacritics is
measured on real letters."""

from __future__ import annotations

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Đường", "Vũ", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Quốc", "Thu", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Lan", "Nhã", "Phương", "Quân", "Sơn", "Tâm", "Yến"]
DECISION_NUMBER = "{n}/QĐ-UBND"
ORGANIZER = "Ủy ban nhân dân tỉnh Đo Thử"
ORGANIZER_SHORT, PROVINCE = "UBND tỉnh", "Đo Thử"
SIGNER = "Chủ tịch"
GRANTOR = "Chủ tịch Ủy ban nhân dân tỉnh"
AWARD_NAME = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
# The search typed without diacritics, and the name it must find.
QUERY, FOUND = "Duong Thi Nha", "Đường Thị Nhã"
# The start of the seed year in the dossier bench: a launch, and each unit's registered targets.
LAUNCH_NUMBER = "05/KH-CTĐ"
LAUNCH_TITLE = "Kế hoạch phát động phong trào thi đua năm 2021"
LAUNCH_THEME = "Đoàn kết, kỷ cương, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm 2021."
REGISTERED_TARGETS = "Hoàn thành 100% kế hoạch công tác năm\nKhông có cán bộ vi phạm kỷ luật"
UNIT_NUMBERED = "Đơn vị số {n}"
