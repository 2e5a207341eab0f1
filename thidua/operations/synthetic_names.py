"""Made-up names for the synthetic data (`thidua synthetic`): provinces, clusters, agencies, communes, people,
awards, and the patterns that make an organizer's, a unit's or a meeting's name from them. Data, not interface
text: the names go into the exchange file and the database as a real file's would, in Vietnamese."""

from __future__ import annotations

# The 34 provinces and cities after the 2025 reorganisation.
CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ"]
PROVINCES = [
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
    "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
CLUSTER_THEMES = [
    ("cum", "Cụm các cơ quan Tham mưu tổng hợp"),
    ("khoi", "Khối các sở quản lý kinh tế"),
    ("khoi", "Khối Văn hóa – Xã hội"),
    ("khoi", "Khối Nội chính"),
    ("khoi", "Khối các cơ quan Đảng, đoàn thể"),
    ("khoi", "Khối doanh nghiệp nhà nước"),
    ("cum", "Cụm các xã, phường miền núi"),
    ("cum", "Cụm các xã, phường đồng bằng"),
]
AGENCIES = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Ngoại vụ", "Văn phòng Ủy ban nhân dân",
    "Sở Công Thương", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh",
    "Sở Dân tộc và Tôn giáo", "Ban Quản lý các khu công nghiệp", "Đài Phát thanh và Truyền hình",
    "Liên minh Hợp tác xã", "Trường Chính trị", "Quỹ Đầu tư phát triển", "Ban Dân tộc",
]  # fmt: skip
PLACE_FIRST = ["Tân", "Hòa", "Phú", "An", "Bình", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Vĩnh", "Long"]
PLACE_SECOND = ["Lợi", "Thành", "Hưng", "Phước", "Lộc", "Sơn", "Hải", "Khánh", "Mỹ", "Xuân", "Yên", "Trung"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu", "Hoài"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Toàn", "Thủy"]
# (code, name before the province, who grants it before the organizer's name, places per year)
AWARDS = [
    ("co-ubnd", "Cờ thi đua của Ủy ban nhân dân", "", 1),
    ("bk-ct", "Bằng khen của Chủ tịch Ủy ban nhân dân", "Chủ tịch ", 2),
]
# The organizer of a province or city: "Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân Thành phố Huế".
CITY_PREFIX = "Thành phố"
CITY_ORGANIZER = "Ủy ban nhân dân {name}"
ORGANIZER = "Ủy ban nhân dân {level} {name}"
CITY_LEVEL, PROVINCE_LEVEL = "thành phố", "tỉnh"
ORGANIZER_SHORT = "UBND {province}"
STANDING_BODY = "Ban Thi đua – Khen thưởng, Sở Nội vụ {province}"
# Past the eight themes a cluster's name takes a number: "Khối Nội chính số 2".
NUMBERED_CLUSTER = "{theme} số {number}"
SOURCE = "dữ liệu tổng hợp (thidua synthetic), không phải số liệu thật"
COMMUNE = "Ủy ban nhân dân xã {first} {second}"
MEETING_PLACE = "Trụ sở {unit}"
CHAIR = "{name}, Thủ trưởng đơn vị cụm trưởng"
# The registry of `thidua synthetic --nation | --province`:
# (form as an office's list writes it, grantor, for people or collectives, share of the awards)
REGISTRY_FORMS = (
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh", "person", 0.45),
    ("Chiến sĩ thi đua cấp tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh", "person", 0.25),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "person", 0.05),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh", "unit", 0.15),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh", "unit", 0.10),
)
POSITIONS = ("Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc")
DECISION_NUMBER = "{number}/QĐ-UBND-{organizer:02d}"
