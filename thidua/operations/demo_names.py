"""Made-up data for `thidua demo`'s province (Lạng Sơn): the sample clusters and blocks beside the seed
cluster, their units, people, council members and signers. Data, not interface text: it goes into the
exchange files and the database as a real organizer's would, in Vietnamese. Every cluster here is marked as
sample data in its name (SAMPLE), so no page shows it as a real one."""

from __future__ import annotations

SAMPLE = "(dữ liệu mẫu)"
# The seed file's source, continued: the years after 2021 are made up.
SEED_LATER_YEARS = "; các năm 2022–2026 của cụm là dữ liệu mẫu do thidua demo tạo, không phải số liệu thật"
SAMPLE_SOURCE = "dữ liệu mẫu do thidua demo tạo, không phải số liệu thật"

# (code, kind, name, method, first year, last year, units: (code, name, short, female share))
# (code, kind, name, method, first year, last year, units)
ClusterRow = tuple[str, str, str, str, int, int, list[tuple[str, str, str, float]]]
CLUSTERS: list[ClusterRow] = [
    (
        "KTE",
        "khoi",
        f"Khối các sở quản lý kinh tế {SAMPLE}",
        "score",
        2021,
        2026,
        [
            ("SCT", "Sở Công Thương tỉnh Lạng Sơn", "Sở Công Thương", 0.41),
            ("SXD", "Sở Xây dựng tỉnh Lạng Sơn", "Sở Xây dựng", 0.33),
            ("SKHCN", "Sở Khoa học và Công nghệ tỉnh Lạng Sơn", "Sở Khoa học và Công nghệ", 0.46),
            (
                "BQLKKT",
                "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
                "Ban Quản lý Khu kinh tế",
                0.37,
            ),
            ("QDTPT", "Quỹ Đầu tư phát triển tỉnh Lạng Sơn", "Quỹ Đầu tư phát triển", 0.52),
            ("LMHTX", "Liên minh Hợp tác xã tỉnh Lạng Sơn", "Liên minh Hợp tác xã", 0.48),
        ],
    ),
    (
        "VHXH",
        "khoi",
        f"Khối Văn hóa – Xã hội {SAMPLE}",
        "acclamation",
        2021,
        2026,
        [
            ("SYT", "Sở Y tế tỉnh Lạng Sơn", "Sở Y tế", 0.63),
            ("SGDDT", "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", "Sở Giáo dục và Đào tạo", 0.58),
            (
                "SVHTTDL",
                "Sở Văn hóa, Thể thao và Du lịch tỉnh Lạng Sơn",
                "Sở Văn hóa, Thể thao và Du lịch",
                0.49,
            ),
            ("BVDK", "Bệnh viện Đa khoa tỉnh Lạng Sơn", "Bệnh viện Đa khoa tỉnh", 0.66),
            ("TCDSP", "Trường Cao đẳng Sư phạm Lạng Sơn", "Trường Cao đẳng Sư phạm", 0.61),
            ("TTKSBT", "Trung tâm Kiểm soát bệnh tật tỉnh Lạng Sơn", "Trung tâm Kiểm soát bệnh tật", 0.57),
        ],
    ),
    (
        "NC",
        "khoi",
        f"Khối Nội chính {SAMPLE}",
        "ballot",
        2021,
        2026,
        [
            ("TTRA", "Thanh tra tỉnh Lạng Sơn", "Thanh tra tỉnh", 0.36),
            ("TAND", "Tòa án nhân dân tỉnh Lạng Sơn", "Tòa án nhân dân tỉnh", 0.44),
            ("VKSND", "Viện Kiểm sát nhân dân tỉnh Lạng Sơn", "Viện Kiểm sát nhân dân tỉnh", 0.42),
            ("THADS", "Thi hành án dân sự tỉnh Lạng Sơn", "Thi hành án dân sự tỉnh", 0.39),
            ("TGPL", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh Lạng Sơn", "Trung tâm Trợ giúp pháp lý", 0.55),
            ("TCLUAT", "Trường Trung cấp Luật miền núi Lạng Sơn", "Trường Trung cấp Luật", 0.47),
        ],
    ),
    # The districts' cluster ends with 2024: the district level was abolished on 1 July 2025, and the
    # communes' cluster below takes over from 2025.
    (
        "HUYEN",
        "cum",
        f"Cụm các huyện phía Bắc {SAMPLE}",
        "acclamation",
        2021,
        2024,
        [
            ("HTD", "Ủy ban nhân dân huyện Tràng Định", "UBND huyện Tràng Định", 0.35),
            ("HVL", "Ủy ban nhân dân huyện Văn Lãng", "UBND huyện Văn Lãng", 0.38),
            ("HCL", "Ủy ban nhân dân huyện Cao Lộc", "UBND huyện Cao Lộc", 0.40),
            ("HBG", "Ủy ban nhân dân huyện Bình Gia", "UBND huyện Bình Gia", 0.34),
            ("HBS", "Ủy ban nhân dân huyện Bắc Sơn", "UBND huyện Bắc Sơn", 0.37),
            ("HVQ", "Ủy ban nhân dân huyện Văn Quan", "UBND huyện Văn Quan", 0.36),
        ],
    ),
    (
        "XABG",
        "cum",
        f"Cụm các xã, phường biên giới {SAMPLE}",
        "score",
        2025,
        2026,
        [
            ("XDD", "Ủy ban nhân dân xã Đồng Đăng", "UBND xã Đồng Đăng", 0.43),
            ("XTK", "Ủy ban nhân dân xã Thất Khê", "UBND xã Thất Khê", 0.41),
            ("XNS", "Ủy ban nhân dân xã Na Sầm", "UBND xã Na Sầm", 0.45),
            ("XTT", "Ủy ban nhân dân xã Tân Thanh", "UBND xã Tân Thanh", 0.40),
            ("XLB", "Ủy ban nhân dân xã Lộc Bình", "UBND xã Lộc Bình", 0.39),
            ("XDL", "Ủy ban nhân dân xã Đình Lập", "UBND xã Đình Lập", 0.42),
        ],
    ),
]

SURNAMES = ["Nguyễn", "Hoàng", "Lương", "Vi", "Nông", "Lộc", "Hà", "Triệu", "Lý", "Đinh", "Mông", "Chu"]
MIDDLE_MEN = ["Văn", "Đức", "Quốc", "Minh", "Hữu", "Thanh"]
MIDDLE_WOMEN = ["Thị", "Thu", "Ngọc", "Hoài", "Thanh", "Minh"]
GIVEN_MEN = ["Dũng", "Hùng", "Long", "Nam", "Toàn", "Khánh", "Tuấn", "Cường", "Hải", "Quang"]
GIVEN_WOMEN = ["Hà", "Lan", "Mai", "Phương", "Thủy", "Hương", "Ngân", "Trang", "Yến", "Linh"]
POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên"]
DIRECT_POSITION = "Nhân viên kỹ thuật"  # a unit's person who works in the field (a direct labourer)
# The board's thematic movement of the current year (demo_board.thematic_movement).
MOVEMENT = "Phong trào thi đua đẩy mạnh chuyển đổi số trong cơ quan hành chính năm {year} (dữ liệu mẫu)"
CHAIR = "{name}, Thủ trưởng đơn vị cụm trưởng"
PLACE = "Trụ sở {unit}"
BOARD_OFFICER = "Vũ Thanh Thụy"
BOARD_REPRESENTATIVE = "{name}, Phó Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ"
# The council of the province's emulation and commendation (Hội đồng Thi đua – Khen thưởng tỉnh).
COUNCIL = [
    ("Hồ Tiến Thiệu", "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng"),
    ("Lương Trọng Quỳnh", "Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Hội đồng"),
    ("Hoàng Văn Nghiệm", "Giám đốc Sở Nội vụ, Phó Chủ tịch thường trực"),
    ("Vũ Thanh Thụy", "Phó Trưởng Ban Thi đua – Khen thưởng, thư ký"),
    ("Nông Thị Hà", "Chủ tịch Liên đoàn Lao động tỉnh, ủy viên"),
    ("Lý Văn Cường", "Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh, ủy viên"),
    ("Triệu Thị Lan", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh, ủy viên"),
]
SIGNER = "Hồ Tiến Thiệu"
DECISION = "{number}/QĐ-UBND"
# The board's own threshold for the council's vote where the law gives none (a sample rule).
COUNCIL_RULE = f"Quy chế Hội đồng Thi đua – Khen thưởng tỉnh {SAMPLE}"
COUNCIL_RULE_ARTICLE = "Điều 6 khoản 2"
OVERRIDE = (
    "Dữ liệu mẫu: Ban Thi đua – Khen thưởng đã đối chiếu hồ sơ giấy của đơn vị (thành tích, tỷ lệ lao "
    "động tiên tiến) trước khi trình Hội đồng."
)
OVERRIDE_PEOPLE = (
    "Dữ liệu mẫu: đơn vị đề nghị khen thưởng đột xuất cho cá nhân có thành tích xuất sắc trong phong trào "
    "thi đua chuyên đề năm 2026; Ban Thi đua – Khen thưởng đã đối chiếu hồ sơ giấy."
)
REFUSED = "Hội đồng Thi đua – Khen thưởng tỉnh không đạt tỷ lệ đồng ý cần thiết."
MEETING_PLACE_2026 = "Hội trường Sở Tài chính tỉnh Lạng Sơn"
CHAIR_2026 = "Nguyễn Quốc Toàn, Giám đốc Sở Tài chính"
LAUNCH_DOCUMENT = "Kế hoạch phát động phong trào thi đua năm {year}"
TARGETS = "Hoàn thành xuất sắc 100% chỉ tiêu, nhiệm vụ được giao năm 2026"
LAUNCH_TITLE = "Thi đua hoàn thành thắng lợi nhiệm vụ phát triển kinh tế – xã hội năm 2026"
SHEET_GROUPS = [
    ("I", "Thực hiện nhiệm vụ chính trị được giao", 60,
     ["Hoàn thành chỉ tiêu, kế hoạch năm", "Cải cách hành chính, chuyển đổi số"]),
    ("II", "Công tác thi đua, khen thưởng", 25,
     ["Tổ chức phong trào thi đua", "Nhân rộng điển hình tiên tiến"]),
    ("III", "Xây dựng tổ chức, đoàn thể vững mạnh", 15, ["Công tác Đảng, đoàn thể"]),
]  # fmt: skip

# The demo's exemplary model (a made-up story about a made-up person of the province's registry).
# The caption of the photo the demo draws for its news item.
NEWS_PHOTO_CAPTION = "Quang cảnh hội nghị (ảnh minh họa)"
MODEL_TITLE = "Tận tụy, sáng tạo trong cải cách hành chính (dữ liệu mẫu)"
MODEL_STORY = (
    "Đồng chí là cán bộ thi đua kiêm nhiệm nhiều năm liền, chủ động đề xuất số hóa hồ sơ khen thưởng của "
    "đơn vị, rút ngắn thời gian trình khen từ 20 ngày xuống 7 ngày làm việc.\n\n"
    "Câu chuyện này là dữ liệu mẫu do thidua demo tạo, không phải người thật, việc thật."
)
