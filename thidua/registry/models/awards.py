"""The registry of people and awards, and the board's pipeline from proposal to decision.

People and their yearly facts (rating, a unit's own titles, initiatives, holds) are what the eligibility
engine reads; a Decision with its Awardee rows is an award on record. History is never rewritten
(DESIGN.md): an Awardee keeps the name it was decided under, and a revocation is a dated status with its
own decision, never a delete (LAW.md section 4, Law Art. 93).
"""

from __future__ import annotations

from django.db import models

from thidua.awards import catalogue
from thidua.emulation.models import ClusterYear, Proposal, Rating
from thidua.organisations.models import AwardTier, Organizer, Unit
from thidua.registry.folding import fold


class Sex(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Person(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="persons", verbose_name="cơ quan tổ chức"
    )
    code = models.CharField("mã", max_length=64)
    name = models.CharField("họ và tên", max_length=255)
    # Maintained on save: the name folded for search without diacritics (folding.fold).
    name_folded = models.CharField("họ và tên không dấu", max_length=255, editable=False, db_index=True)
    sex = models.CharField("giới tính", max_length=3, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    direct_labourer = models.BooleanField("người lao động trực tiếp", null=True, blank=True)

    class Meta:
        ordering = ["name_folded", "id"]
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        constraints = [
            models.UniqueConstraint(fields=["organizer", "code"], name="person_code_per_organizer")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:  # type: ignore[operator]
            kwargs["update_fields"] = {*update_fields, "name_folded"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class PersonPosting(models.Model):
    """Where a person worked, and as what, over a span of dates (end None: still there)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="postings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="postings", verbose_name="đơn vị")
    position = models.CharField("chức vụ", max_length=255, blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["person", "start", "id"]
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"

    def __str__(self) -> str:
        return f"{self.person} – {self.position} {self.unit}"


class PersonYear(models.Model):
    """A person's year: the rating and the titles granted by the unit's own decisions (LĐTT, CSTĐCS,
    Giấy khen), kept here when the unit's decision is not itself in the registry."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=20, choices=Rating.choices, blank=True)
    titles = models.JSONField("danh hiệu, hình thức do đơn vị tặng", default=list, blank=True)

    class Meta:
        ordering = ["person", "year"]
        verbose_name = "năm của cá nhân"
        verbose_name_plural = "năm của cá nhân"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="one_person_year")]

    def __str__(self) -> str:
        return f"{self.person} – {self.year}"


class UnitYear(models.Model):
    """A unit's facts for a year that the cluster rosters do not hold: staff counts for TTLĐXS/TTLĐTT
    (LAW-TTLDXS, LAW-TTLDTT) and the titles of its own or its superior's decisions."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="registry_years")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=20, choices=Rating.choices, blank=True)
    titles = models.JSONField("danh hiệu, hình thức ngoài sổ", default=list, blank=True)
    staff = models.PositiveIntegerField("số thành viên", null=True, blank=True)
    staff_completed = models.PositiveIntegerField("số hoàn thành nhiệm vụ", null=True, blank=True)
    staff_titles = models.JSONField("số cá nhân đạt danh hiệu", null=True, blank=True)
    staff_disciplined = models.PositiveIntegerField(
        "số bị kỷ luật từ cảnh cáo trở lên", null=True, blank=True
    )

    class Meta:
        ordering = ["unit", "year"]
        verbose_name = "năm của đơn vị"
        verbose_name_plural = "năm của đơn vị"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class InitiativeLevel(models.TextChoices):
    CO_SO = "co-so", "Cấp cơ sở"
    TINH = "tinh", "Cấp tỉnh"
    TOAN_QUOC = "toan-quoc", "Toàn quốc"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến); `used_for` names the award it already supported (CIRC-P1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    code = models.CharField("mã", max_length=64)
    title = models.CharField("tên sáng kiến", max_length=500, blank=True)
    level = models.CharField("cấp công nhận", max_length=20, choices=InitiativeLevel.choices, blank=True)
    year = models.PositiveSmallIntegerField("năm công nhận")
    used_for = models.CharField("đã dùng làm căn cứ cho", max_length=64, blank=True)

    class Meta:
        ordering = ["person", "year", "code"]
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="one_initiative_code")]

    def __str__(self) -> str:
        return self.title or self.code


class Hold(models.Model):
    """Discipline, investigation, inspection or complaint pending over a span (DEC-P3)."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", "Kỷ luật"
        INVESTIGATION = "investigation", "Điều tra"
        INSPECTION = "inspection", "Thanh tra, kiểm tra"
        COMPLAINT = "complaint", "Khiếu nại, tố cáo"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="holds")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="holds")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    level = models.CharField("mức kỷ luật", max_length=30, blank=True)
    start = models.DateField("từ ngày", null=True, blank=True)
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = "vụ việc đang xem xét"
        verbose_name_plural = "vụ việc đang xem xét"
        constraints = [
            models.CheckConstraint(
                name="hold_one_subject",
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.person or self.unit}"


class Decision(models.Model):
    """The grantor's signed award decision for one award, with its awardees."""

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="decisions", verbose_name="cơ quan tổ chức"
    )
    number = models.CharField("số quyết định", max_length=100)
    date = models.DateField("ngày quyết định")
    signer = models.CharField("người ký", max_length=255)
    grantor = models.CharField("cấp quyết định", max_length=255)
    award = models.CharField("mã trong danh mục pháp luật", max_length=64, blank=True)
    award_name = models.CharField("hình thức khen thưởng", max_length=255)
    tier = models.ForeignKey(
        AwardTier, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="hình thức"
    )
    # The unit whose head signed it (titles for its own sub-units and people); empty: the organizer's grantor.
    # Numbers run per issuer: a unit's "01/QĐ" and the province's "01/QĐ" are different decisions.
    issuing_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_decisions",
        verbose_name="đơn vị ban hành",
    )
    regime = models.CharField("chế độ pháp lý", max_length=64)
    base_salary = models.PositiveIntegerField("mức lương cơ sở áp dụng", null=True, blank=True)

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["organizer", "number"],
                condition=models.Q(issuing_unit__isnull=True),
                name="decision_number_per_organizer",
            ),
            models.UniqueConstraint(
                fields=["issuing_unit", "number"],
                condition=models.Q(issuing_unit__isnull=False),
                name="decision_number_per_issuing_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.date:%d/%m/%Y}"


class Standing(models.TextChoices):
    """Where a proposal stands against the law: the engine's verdict under the proposal's own regime, or
    why there is none. Only ELIGIBLE, or the board's written override of the standing it saw, moves it on."""

    ELIGIBLE = "eligible", "Đủ điều kiện"
    NOT_ELIGIBLE = "not_eligible", "Không đủ điều kiện"
    MISSING_INFORMATION = "missing_information", "Thiếu thông tin để kết luận"
    ON_HOLD = "on_hold", "Chưa xét khen thưởng: đang bị xem xét, kỷ luật"
    UNCHECKED = "unchecked", "Chưa xét điều kiện"
    # Checked under a provisional regime that the day of receipt then changed.
    STALE = "stale", "Đã xét theo chế độ pháp lý khác, cần xét lại"
    # An organizer's own form: the law sets no criteria, the software has none to check.
    OUTSIDE = "outside", "Hình thức ngoài danh mục pháp luật"


class AwardProposal(models.Model):
    """A request to the grantor for one subject, one award, one year, and where it stands."""

    class Source(models.TextChoices):
        CLUSTER = "cluster", "Cụm, khối thi đua đề nghị"
        UNIT = "unit", "Đơn vị đề nghị"

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Đã gửi"
        RETURNED = "returned", "Trả lại để bổ sung"
        ACCEPTED = "accepted", "Đã tiếp nhận"
        AT_COUNCIL = "at_council", "Đang trình Hội đồng"
        DECIDED = "decided", "Đã có quyết định"
        REFUSED = "refused", "Không được khen thưởng"

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="award_proposals", verbose_name="cơ quan tổ chức"
    )
    award = models.CharField("mã trong danh mục pháp luật", max_length=64, blank=True)
    award_name = models.CharField("hình thức khen thưởng", max_length=255)
    tier = models.ForeignKey(
        AwardTier, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="hình thức"
    )
    grantor = models.CharField("cấp quyết định", max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    year = models.PositiveSmallIntegerField("năm thành tích")
    source = models.CharField("nguồn đề nghị", max_length=10, choices=Source.choices)
    # A cluster's proposal: its year and the review row it came from. Concluding a review again
    # recreates its rows, so the link may go; (cluster_year, tier, unit) stays and keeps this idempotent.
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    review_proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="award_proposals"
    )
    rank = models.PositiveSmallIntegerField("thứ hạng trong cụm", null=True, blank=True)
    proposed_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="đơn vị đề nghị"
    )
    state = models.CharField("tình trạng", max_length=20, choices=State.choices, default=State.DRAFT)
    returned_reasons = models.JSONField("lý do trả lại", default=list, blank=True)
    refusal_reason = models.TextField("lý do không khen thưởng", blank=True)
    due = models.DateField("hạn nộp hồ sơ", null=True, blank=True)
    submitted_on = models.DateField("ngày gửi", null=True, blank=True)
    appraise_by = models.DateField("hạn thẩm định", null=True, blank=True)
    verdict = models.CharField("kết quả xét điều kiện", max_length=30, blank=True)
    verdict_regime = models.CharField("chế độ pháp lý khi xét", max_length=64, blank=True)
    verdict_reasons = models.JSONField("lý do", default=list, blank=True)
    checked_at = models.DateTimeField("thời điểm xét điều kiện", null=True, blank=True)
    # One regime for the check, the council's threshold and the bonus (regimes.regime_for_dossier):
    # provisional by the year of the achievement, fixed on the day the board received the dossier.
    regime = models.CharField("chế độ pháp lý áp dụng", max_length=64)
    received_on = models.DateField("ngày nhận hồ sơ", null=True, blank=True)
    # The board's written reason to move on despite the standing it saw (Standing): it applies only while
    # the proposal still stands there under the same regime; a new check that changes it lets it lapse.
    override_reason = models.TextField("lý do vượt qua kết quả xét điều kiện", blank=True)
    override_standing = models.CharField("kết quả được vượt qua", max_length=30, blank=True)
    override_regime = models.CharField("chế độ pháp lý khi vượt qua", max_length=64, blank=True)
    override_by = models.CharField("người ghi lý do vượt qua", max_length=255, blank=True)
    override_at = models.DateTimeField("thời điểm ghi lý do vượt qua", null=True, blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )

    class Meta:
        ordering = ["-year", "award", "rank", "id"]
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        constraints = [
            models.CheckConstraint(
                name="proposal_one_subject",
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["cluster_year", "tier", "unit"],
                condition=models.Q(source="cluster"),
                name="one_award_proposal_per_cluster_tier_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} – {self.subject_name} ({self.year})"

    @property
    def subject_name(self) -> str:
        return self.person.name if self.person_id else self.unit.name  # type: ignore[union-attr]

    @property
    def standing(self) -> str:
        if self.award not in catalogue.AWARDS:
            return Standing.OUTSIDE
        if self.checked_at is None or not self.verdict:
            return Standing.UNCHECKED
        if self.verdict_regime != self.regime:
            return Standing.STALE
        return self.verdict

    @property
    def standing_label(self) -> str:
        return Standing(self.standing).label

    @property
    def override_applies(self) -> bool:
        return (
            bool(self.override_reason)
            and self.override_standing == self.standing
            and self.override_regime == self.regime
        )

    @property
    def override_lapsed(self) -> bool:
        """An override was written, but the proposal no longer stands where it stood then."""
        return bool(self.override_reason) and not self.override_applies

    @property
    def override_standing_label(self) -> str:
        return Standing(self.override_standing).label if self.override_standing else ""

    @property
    def may_go_forward(self) -> bool:
        return self.standing == Standing.ELIGIBLE or self.override_applies


class DossierItem(models.Model):
    """One document of a proposal's dossier, from the checklist of its award and regime (dossiers.py)."""

    proposal = models.ForeignKey(AwardProposal, on_delete=models.CASCADE, related_name="dossier")
    code = models.CharField("mã", max_length=64)
    name = models.CharField("tên văn bản", max_length=255)
    required = models.BooleanField("bắt buộc", default=True)
    source = models.CharField("căn cứ", max_length=255)
    provided = models.BooleanField("đã có", default=False)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        constraints = [models.UniqueConstraint(fields=["proposal", "code"], name="one_dossier_item")]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """The organizer's limit on how many of one award it accepts for one year, across all clusters."""

    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="award_quotas")
    award = models.CharField("mã trong danh mục pháp luật", max_length=64)
    year = models.PositiveSmallIntegerField("năm")
    limit = models.PositiveIntegerField("số lượng tối đa")

    class Meta:
        ordering = ["organizer", "-year", "award"]
        verbose_name = "chỉ tiêu khen thưởng"
        verbose_name_plural = "chỉ tiêu khen thưởng"
        constraints = [
            models.UniqueConstraint(fields=["organizer", "award", "year"], name="one_quota_per_award_year")
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year}: {self.limit}"


class Awardee(models.Model):
    """One subject of a decision: an award on record. The name is kept as decided (history stays)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awardees")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="awards", verbose_name="tập thể"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="awards", verbose_name="cá nhân"
    )
    # A person's unit on the decision day: the unit whose people the statistics count them with.
    person_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="people_awards"
    )
    year = models.PositiveSmallIntegerField("năm thành tích")
    award = models.CharField("mã trong danh mục pháp luật", max_length=64, blank=True)
    name = models.CharField("tên trên quyết định", max_length=255)
    # Maintained on save; PostgreSQL also indexes it by trigram (migration 0002).
    name_folded = models.CharField("tên không dấu", max_length=255, editable=False, db_index=True)
    proposal = models.OneToOneField(
        AwardProposal, on_delete=models.PROTECT, null=True, blank=True, related_name="awardee"
    )
    coefficient = models.DecimalField("hệ số tiền thưởng", max_digits=5, decimal_places=2, null=True)
    bonus = models.PositiveIntegerField("tiền thưởng (đồng)", null=True, blank=True)
    bonus_note = models.CharField("ghi chú tiền thưởng", max_length=500, blank=True)

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = "người, tập thể được khen thưởng"
        verbose_name_plural = "sổ khen thưởng"
        constraints = [
            models.CheckConstraint(
                name="awardee_one_subject",
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.decision.award_name} ({self.year})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def revoked(self) -> bool:
        return hasattr(self, "revocation")


class Revocation(models.Model):
    """An award cancelled by its own decision (Law Art. 93): the awardee row stays, with this status."""

    awardee = models.OneToOneField(Awardee, on_delete=models.PROTECT, related_name="revocation")
    number = models.CharField("số quyết định hủy bỏ", max_length=100)
    date = models.DateField("ngày quyết định hủy bỏ")
    reason = models.TextField("lý do")

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = "hủy bỏ khen thưởng"
        verbose_name_plural = "hủy bỏ khen thưởng"

    def __str__(self) -> str:
        return f"Hủy bỏ theo quyết định số {self.number}"


class ProvinceRule(models.Model):
    """A province's own figure for one award of the catalogue (LAW.md PRV-TTLDTT-BN: "store the percentage
    per province"), entered by the organizer's board from its own document. The engine applies it over the
    national rule on the days it is in force; ending it keeps the row (history is never rewritten)."""

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="province_rules", verbose_name="cơ quan tổ chức"
    )
    award = models.CharField("mã trong danh mục pháp luật", max_length=64)
    parameter = models.CharField("tiêu chí", max_length=64)
    value = models.PositiveSmallIntegerField("giá trị")
    document = models.CharField("số, ký hiệu văn bản", max_length=255)
    document_date = models.DateField("ngày ban hành")
    article = models.CharField("điều, khoản", max_length=255)
    start = models.DateField("có hiệu lực từ ngày")
    end = models.DateField("hết hiệu lực sau ngày", null=True, blank=True)

    class Meta:
        ordering = ["organizer", "award", "parameter", "start", "id"]
        verbose_name = "quy định riêng của tỉnh"
        verbose_name_plural = "quy định riêng của tỉnh"
        constraints = [
            models.CheckConstraint(
                name="province_rule_ends_after_start",
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.award} {self.parameter} = {self.value}"

    @property
    def rule_id(self) -> str:
        """The id verdicts cite (PRV- as LAW.md's province rules)."""
        return f"PRV-{self.pk}"

    @property
    def source(self) -> catalogue.Source:
        return catalogue.Source(f"{self.document} ngày {self.document_date:%d/%m/%Y}", self.article)

    def as_rule(self) -> catalogue.ProvinceRule:
        """The engine's plain data for this row."""
        return catalogue.ProvinceRule(
            self.rule_id, self.award, self.parameter, self.value, self.source, self.start, self.end
        )
