"""Data: the other ways offices write the headers, award forms and ratings of their lists, and the example
rows of the templates. Vietnamese as typed in the offices' files (a data module of the translation test)."""

from __future__ import annotations

from thidua.registry.folding import fold

# Column key -> other headers seen in offices' lists (matched folded: with or without diacritics).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("Số QĐ", "Số quyết định khen thưởng", "Số, ký hiệu quyết định"),
    "date": ("Ngày QĐ", "Ngày ký", "Ngày ký quyết định", "Ngày ban hành"),
    "grantor": ("Cấp khen", "Cơ quan quyết định", "Người quyết định"),
    "signer": ("Người ký quyết định",),
    "award": ("Hình thức khen", "Hình thức", "Danh hiệu, hình thức khen thưởng"),
    "year": ("Năm", "Thành tích năm"),
    "name": ("Họ và tên", "Họ tên", "Tên tập thể, cá nhân", "Tên cá nhân/tập thể"),
    "subject": ("Cá nhân/Tập thể", "Loại đối tượng"),
    "unit": ("Tên đơn vị", "Đơn vị công tác", "Cơ quan, đơn vị"),
    "position": ("Chức danh",),
    "code": ("Mã số", "Mã CB", "Mã cán bộ"),
    "rating": ("Xếp loại cán bộ", "Mức độ hoàn thành nhiệm vụ", "Đánh giá, xếp loại"),
    "titles": ("Danh hiệu thi đua", "Danh hiệu"),
    "unit_code": ("Mã đơn vị",),
    "unit_name": ("Tên đầy đủ", "Tên cơ quan, đơn vị", "Đơn vị"),
    "short_name": ("Tên ngắn", "Tên gọi tắt"),
    "parent": ("Cơ quan cấp trên", "Trực thuộc"),
    "event": ("Thay đổi", "Sự kiện"),
    "other": ("Đơn vị mới", "Đơn vị cũ"),
    "event_date": ("Ngày hiệu lực", "Ngày"),
    # A year's criteria table (sheets/criteria.py).
    "cluster": ("Cụm thi đua", "Khối thi đua", "Tên cụm, khối"),
    "criteria_year": ("Năm thi đua",),
    "scale": ("Thang điểm tối đa",),
    "group": ("Nhóm", "Phần"),
    "criterion": ("Tiêu chí", "Nội dung", "Nội dung chấm điểm"),
    "kind": ("Loại tiêu chí",),
    "max_points": ("Điểm chuẩn", "Điểm tối đa được chấm"),
    # A year's detailed score table (sheets/scores.py).
    "self_points": ("Điểm tự chấm", "Đơn vị tự chấm", "Tự chấm", "Điểm tự đánh giá"),
    "note": ("Giải trình", "Ghi chú", "Giải trình của đơn vị"),
    "appraised_points": ("Điểm thẩm định", "Thẩm định", "Điểm cụm thẩm định", "Điểm khối thẩm định"),
    "reason": ("Lý do", "Lý do điều chỉnh điểm", "Lý do chênh lệch"),
    # People with their postings (sheets/postings.py).
    "birth": ("Năm sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh"),
    "sex": ("Giới tính", "Nam/Nữ"),
    "start": ("Ngày bắt đầu", "Từ", "Thời gian bắt đầu"),
    "end": ("Ngày kết thúc", "Đến", "Thời gian kết thúc"),
    "direct": ("Lao động trực tiếp", "Trực tiếp", "Người lao động trực tiếp"),
    # Initiatives (sheets/initiatives.py).
    "initiative": ("Sáng kiến", "Tên đề tài, sáng kiến", "Tên sáng kiến, đề tài"),
    "initiative_code": ("Mã sáng kiến",),
    "authors": ("Tác giả", "Tác giả, đồng tác giả", "Họ và tên tác giả", "Đồng tác giả"),
    "recognised_by": ("Cơ quan công nhận", "Đơn vị công nhận", "Người công nhận"),
    "level": ("Cấp công nhận", "Phạm vi ảnh hưởng", "Cấp"),
    "recognised_on": ("Ngày công nhận", "Ngày quyết định", "Ngày QĐ", "Ngày ký"),
    # Clusters and their yearly rosters (sheets/clusters.py).
    "cluster_code": ("Mã cụm", "Mã cụm, khối", "Mã khối"),
    "cluster_kind": ("Loại cụm, khối", "Cụm/Khối", "Cụm hay khối"),
    "role": ("Vai trò trong cụm", "Vai trò trong cụm, khối", "Nhiệm vụ trong cụm"),
}

# A role in a cluster's year as offices write it (folded) -> sheets/clusters.py's role.
ROLE_ALIASES: dict[str, str] = {
    fold(typed): role
    for role, words in {
        "head": ("Cụm trưởng", "Khối trưởng", "Trưởng cụm", "Trưởng khối", "head"),
        "deputy": ("Cụm phó", "Khối phó", "Phó cụm", "Phó khối", "deputy"),
        "host": ("Đăng cai", "Đơn vị đăng cai", "host"),
        "member": ("Thành viên", "Đơn vị thành viên", "member"),
    }.items()
    for typed in words
}

CLUSTER_KIND_ALIASES: dict[str, str] = {
    fold(typed): kind
    for kind, words in {
        "cum": ("Cụm", "Cụm thi đua", "cum"),
        "khoi": ("Khối", "Khối thi đua", "khoi"),
    }.items()
    for typed in words
}

# A direct labourer's mark, and a sex, as offices write them (sheets/postings.py, compared folded).
YES_WORDS = ("x", "có", "co", "1", "yes", "true", "đúng", "trực tiếp")
NO_WORDS = ("không", "0", "no", "false", "sai")
SEX_WORDS = {"nam": ("Nam", "male", "M"), "nu": ("Nữ", "female", "F")}

# A level of recognition of an initiative as offices write it -> InitiativeLevel.
LEVEL_ALIASES: dict[str, str] = {
    "Cơ sở": "co-so",
    "Cấp cơ sở": "co-so",
    "Tỉnh": "tinh",
    "Cấp tỉnh": "tinh",
    "Toàn quốc": "toan-quoc",
    "Cấp toàn quốc": "toan-quoc",
    "Cấp Bộ": "tinh",
}

# Abbreviations and longer names of the catalogue's forms, as offices write them -> catalogue code.
AWARD_ALIASES: dict[str, str] = {
    "LĐTT": "lao-dong-tien-tien",
    "CSTĐCS": "chien-si-thi-dua-co-so",
    "CSTĐ cơ sở": "chien-si-thi-dua-co-so",
    "CSTĐ tỉnh": "chien-si-thi-dua-tinh",
    "Chiến sĩ thi đua cấp tỉnh": "chien-si-thi-dua-tinh",
    "CSTĐTQ": "chien-si-thi-dua-toan-quoc",
    "TTLĐTT": "tap-the-lao-dong-tien-tien",
    "TTLĐXS": "tap-the-lao-dong-xuat-sac",
    "Cờ thi đua của UBND tỉnh": "co-thi-dua-tinh",
    "Cờ thi đua của Ủy ban nhân dân tỉnh": "co-thi-dua-tinh",
    "Bằng khen của Chủ tịch UBND tỉnh": "bang-khen-chu-tich-tinh",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": "bang-khen-chu-tich-tinh",
    "Bằng khen UBND tỉnh": "bang-khen-chu-tich-tinh",
    "Bằng khen của Thủ tướng Chính phủ": "bang-khen-thu-tuong",
}

RATING_ALIASES: dict[str, str] = {
    "HTXSNV": "xuat-sac",
    "HTTNV": "tot",
    "HTNV": "hoan-thanh",
    "KHTNV": "khong-hoan-thanh",
}

PERSON = "Cá nhân"
COLLECTIVE = "Tập thể"

# The example row of each template, by column key.
EXAMPLES: dict[str, dict[str, object]] = {
    "decisions": {
        "name": "Nguyễn Thị Hồng Nhung",
        "subject": PERSON,
        "unit": "Sở Tư pháp",
        "position": "Phó Trưởng phòng",
        "award": "Chiến sĩ thi đua cơ sở",
        "year": 2019,
        "number": "125/QĐ-UBND",
        "date": "20/01/2020",
        "grantor": "Chủ tịch Ủy ban nhân dân tỉnh",
        "signer": "Hồ Tiến Thiệu",
        "code": "",
    },
    "units": {
        "code": "STP",
        "name": "Sở Tư pháp",
        "short_name": "STP",
        "parent": "",
        "event": "",
        "other": "",
        "event_date": "",
    },
    "person_years": {
        "name": "Nguyễn Thị Hồng Nhung",
        "code": "",
        "unit": "Sở Tư pháp",
        "position": "Chuyên viên",
        "year": 2023,
        "rating": "Hoàn thành xuất sắc nhiệm vụ",
        "titles": "Lao động tiên tiến; Chiến sĩ thi đua cơ sở",
    },
    "criteria": {
        "cluster": "Cụm các cơ quan Tham mưu tổng hợp",
        "year": 2026,
        "scale": 100,
        "group": "Thực hiện nhiệm vụ chính trị",
        "name": "Hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm",
        "kind": "Tiêu chí chấm điểm",
        "max_points": 40,
    },
    "scores": {
        "cluster": "Cụm các cơ quan Tham mưu tổng hợp",
        "year": 2026,
        "unit": "Sở Tư pháp",
        "group": "Thực hiện nhiệm vụ chính trị",
        "criterion": "Hoàn thành các chỉ tiêu, nhiệm vụ được giao trong năm",
        "max_points": 40,
        "self_points": 38,
        "note": "Hoàn thành 19/20 chỉ tiêu",
        "appraised_points": 36.5,
        "reason": "Một chỉ tiêu hoàn thành chậm so với kế hoạch",
    },
    "people": {
        "name": "Nguyễn Thị Hồng Nhung",
        "code": "",
        "birth": "12/05/1985",
        "sex": "Nữ",
        "unit": "Sở Tư pháp",
        "position": "Phó Trưởng phòng",
        "start": "01/03/2015",
        "end": "",
        "direct": "",
    },
    "initiatives": {
        "title": "Số hóa hồ sơ chứng thực tại bộ phận một cửa",
        "code": "",
        "authors": "Nguyễn Thị Hồng Nhung; Trần Văn Hùng",
        "unit": "Sở Tư pháp",
        "recognised_by": "Hội đồng sáng kiến cấp cơ sở Sở Tư pháp",
        "level": "Cấp cơ sở",
        "date": "15/11/2023",
        "number": "210/QĐ-STP",
    },
    "clusters": {
        "cluster": "Cụm các cơ quan Tham mưu tổng hợp",
        "cluster_code": "",
        "kind": "Cụm",
        "year": 2026,
        "unit": "Sở Tư pháp",
        "role": "Cụm trưởng",
    },
    "interchange": {
        "format": "thidua-khen-thuong/1.0",
        "number": "246/QĐ-UBND",
        "date": "2022-02-15",
        "grantor": "Chủ tịch Ủy ban nhân dân tỉnh",
        "signer": "Hồ Tiến Thiệu",
        "award_code": "bang-khen-chu-tich-tinh",
        "award": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "year": 2021,
        "subject": "tap_the",
        "name": "Sở Tư pháp",
        "code": "",
        "position": "",
        "unit": "Sở Tư pháp",
        "status": "hieu_luc",
    },
}
