"""The abbreviations the offices type and write, with their full forms (data, not interface text).

A search for either form finds both: "UBND" finds "Ủy ban nhân dân huyện Cao Lộc" and "ủy ban nhân dân" finds
a decision that wrote "UBND huyện Cao Lộc". Award abbreviations ("CSTĐ", "BK") also match the form of
commendation on the decision. Longer forms come first where one contains another (CSTĐCS before CSTĐ).
"""

from __future__ import annotations

# (abbreviation, full form, whether it names a form of commendation)
ABBREVIATIONS: tuple[tuple[str, str, bool], ...] = (
    ("UBND", "Ủy ban nhân dân", False),
    ("HĐND", "Hội đồng nhân dân", False),
    ("MTTQ", "Mặt trận Tổ quốc", False),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc", False),
    ("TW", "Trung ương", False),
    ("ĐBQH", "Đại biểu Quốc hội", False),
    ("HĐTĐKT", "Hội đồng Thi đua – Khen thưởng", False),
    ("TĐKT", "Thi đua – Khen thưởng", False),
    ("KH&ĐT", "Kế hoạch và Đầu tư", False),
    ("KHĐT", "Kế hoạch và Đầu tư", False),
    ("LĐLĐ", "Liên đoàn Lao động", False),
    ("HLHPN", "Hội Liên hiệp Phụ nữ", False),
    ("TNCS", "Thanh niên Cộng sản", False),
    ("CCB", "Cựu chiến binh", False),
    ("HTX", "Hợp tác xã", False),
    ("THPT", "Trung học phổ thông", False),
    ("THCS", "Trung học cơ sở", False),
    ("BCH", "Ban Chấp hành", False),
    ("CSTĐCS", "Chiến sĩ thi đua cơ sở", True),
    ("CSTĐTQ", "Chiến sĩ thi đua toàn quốc", True),
    ("CSTĐ", "Chiến sĩ thi đua", True),
    ("LĐTT", "Lao động tiên tiến", True),
    ("TTLĐXS", "Tập thể lao động xuất sắc", True),
    ("TTLĐTT", "Tập thể lao động tiên tiến", True),
    ("CTĐ", "Cờ thi đua", True),
    ("BK", "Bằng khen", True),
    ("GK", "Giấy khen", True),
    ("HCLĐ", "Huân chương Lao động", True),
)
