"""The registry of people and awards, and the board's pipeline from proposal to decision.

People and their yearly facts (rating, a unit's own titles, initiatives, holds) are what the eligibility
engine reads; a Decision with its Awardee rows is an award on record. History is never rewritten
(DESIGN.md): an Awardee keeps the name it was decided under, and a revocation is a dated status with its
own decision, never a delete (LAW.md section 4, Law Art. 93).
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.awards import catalogue
from thidua.core.audit import actor_name
from thidua.emulation.models import ClusterYear, Proposal, Rating
from thidua.organisations.models import AwardTier, Organizer, Unit
from thidua.registry.folding import fold
from thidua.registry.models.movements import Movement


class Sex(models.TextChoices):
    MALE = "nam", _("Male")
    FEMALE = "nu", _("Female")


class Person(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="persons", verbose_name=_("organizer")
    )
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("full name"), max_length=255)
    # Maintained on save: the name folded for search without diacritics (folding.fold).
    name_folded = models.CharField(
        _("full name without diacritics"), max_length=255, editable=False, db_index=True
    )
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    direct_labourer = models.BooleanField(_("direct labourer"), null=True, blank=True)

    class Meta:
        ordering = ["name_folded", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
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
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="postings", verbose_name=_("unit"))
    position = models.CharField(_("job title"), max_length=255, blank=True)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["person", "start", "id"]
        verbose_name = _("work history")
        verbose_name_plural = _("work history")

    def __str__(self) -> str:
        return f"{self.person} – {self.position} {self.unit}"


class PersonYear(models.Model):
    """A person's year: the rating and the titles granted by the unit's own decisions (LĐTT, CSTĐCS,
    Giấy khen), kept here when the unit's decision is not itself in the registry."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    titles = models.JSONField(_("titles and awards granted by the unit"), default=list, blank=True)

    class Meta:
        ordering = ["person", "year"]
        verbose_name = _("person's year")
        verbose_name_plural = _("person's years")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="one_person_year")]

    def __str__(self) -> str:
        return f"{self.person} – {self.year}"


class UnitYear(models.Model):
    """A unit's facts for a year that the cluster rosters do not hold: staff counts for TTLĐXS/TTLĐTT
    (LAW-TTLDXS, LAW-TTLDTT) and the titles of its own or its superior's decisions."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="registry_years")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    titles = models.JSONField(_("titles and awards outside the registry"), default=list, blank=True)
    staff = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    staff_completed = models.PositiveIntegerField(
        _("number who completed their tasks"), null=True, blank=True
    )
    staff_titles = models.JSONField(_("number of people with each title"), null=True, blank=True)
    staff_disciplined = models.PositiveIntegerField(
        _("number disciplined with a warning or worse"), null=True, blank=True
    )

    class Meta:
        ordering = ["unit", "year"]
        verbose_name = _("unit's year")
        verbose_name_plural = _("unit's years")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class InitiativeLevel(models.TextChoices):
    CO_SO = "co-so", _("Grassroots level")
    TINH = "tinh", _("Provincial level")
    TOAN_QUOC = "toan-quoc", _("Nationwide")


class Initiative(models.Model):
    """A recognised initiative (sáng kiến); `used_for` names the award it already supported (CIRC-P1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    code = models.CharField(_("code"), max_length=64)
    title = models.CharField(_("initiative title"), max_length=500, blank=True)
    level = models.CharField(
        _("level of recognition"), max_length=20, choices=InitiativeLevel.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year recognised"))
    used_for = models.CharField(_("already used as grounds for"), max_length=64, blank=True)
    # The recognition as the office's list records it (an import of initiatives): who, by which decision.
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    recognised_on = models.DateField(_("date recognised"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)

    class Meta:
        ordering = ["person", "year", "code"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="one_initiative_code")]

    def __str__(self) -> str:
        return self.title or self.code


class Hold(models.Model):
    """Discipline, investigation, inspection or complaint pending over a span (DEC-P3)."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Discipline")
        INVESTIGATION = "investigation", _("Investigation")
        INSPECTION = "inspection", _("Inspection or audit")
        COMPLAINT = "complaint", _("Complaint or denunciation")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="holds")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="holds")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("disciplinary level"), max_length=30, blank=True)
    start = models.DateField(_("start date"), null=True, blank=True)
    end = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("case under review")
        verbose_name_plural = _("cases under review")
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
        Organizer, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("organizer")
    )
    number = models.CharField(_("decision number"), max_length=100)
    date = models.DateField(_("decision date"))
    signer = models.CharField(_("signed by"), max_length=255)
    grantor = models.CharField(_("grantor"), max_length=255)
    award = models.CharField(_("code in the legal catalogue"), max_length=64, blank=True)
    award_name = models.CharField(_("form of commendation"), max_length=255)
    tier = models.ForeignKey(
        AwardTier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("a cluster's award tier", "form"),
    )
    # The unit whose head signed it (titles for its own sub-units and people); empty: the organizer's grantor.
    # Numbers run per issuer: a unit's "01/QĐ" and the province's "01/QĐ" are different decisions.
    issuing_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_decisions",
        verbose_name=_("issuing unit"),
    )
    regime = models.CharField(_("legal regime"), max_length=64)
    base_salary = models.PositiveIntegerField(_("base salary applied"), null=True, blank=True)
    # A past decision brought in from an office's spreadsheet (history.py): the file it came from. Empty: made
    # in thidua. The engine reads both alike.
    imported_from = models.CharField(_("imported from file"), max_length=255, blank=True)
    # The decision's own verification code, printed with its QR code on the decision paper; the public page
    # /xac-minh/ shows the decision for it (number, date, grantor, awardees counted). Drawn once by the
    # action that issues decisions (open_decision), never changed; no award holds the same code.
    code = models.CharField(_("verification code"), max_length=10, unique=True, editable=False)

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
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
        return gettext("Decision No. {number} of {date}").format(
            number=self.number, date=f"{self.date:%d/%m/%Y}"
        )


class Standing(models.TextChoices):
    """Where a proposal stands against the law: the engine's verdict under the proposal's own regime, or
    why there is none. Only ELIGIBLE, or the board's written override of the standing it saw, moves it on."""

    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    MISSING_INFORMATION = "missing_information", _("Not enough information to conclude")
    ON_HOLD = "on_hold", _("Not considered for an award: under review or disciplined")
    UNCHECKED = "unchecked", _("Conditions not yet checked")
    # Checked under a provisional regime that the day of receipt then changed.
    STALE = "stale", _("Checked under a different legal regime; check again")
    # An organizer's own form: the law sets no criteria, the software has none to check.
    OUTSIDE = "outside", _("Award outside the legal catalogue")


class AwardProposal(models.Model):
    """A request to the grantor for one subject, one award, one year, and where it stands."""

    class Source(models.TextChoices):
        CLUSTER = "cluster", _("Proposed by the cluster or block")
        UNIT = "unit", _("Proposed by the unit")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for completion")
        ACCEPTED = "accepted", _("Accepted")
        AT_COUNCIL = "at_council", _("Before the council")
        DECIDED = "decided", _("Decided")
        REFUSED = "refused", _("Not awarded")

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="award_proposals", verbose_name=_("organizer")
    )
    award = models.CharField(_("code in the legal catalogue"), max_length=64, blank=True)
    award_name = models.CharField(_("form of commendation"), max_length=255)
    tier = models.ForeignKey(
        AwardTier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("a cluster's award tier", "form"),
    )
    grantor = models.CharField(_("grantor"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    source = models.CharField(_("source of the proposal"), max_length=10, choices=Source.choices)
    # A cluster's proposal: its year and the review row it came from. Concluding a review again
    # recreates its rows, so the link may go; (cluster_year, tier, unit) stays and keeps this idempotent.
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.PROTECT, null=True, blank=True, related_name="award_proposals"
    )
    review_proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="award_proposals"
    )
    rank = models.PositiveSmallIntegerField(_("rank in the cluster"), null=True, blank=True)
    # A unit's proposal under a thematic or ad hoc movement of the organizer; empty: its yearly proposal.
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("thematic emulation movement"),
    )
    proposed_by = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposing unit"),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    returned_reasons = models.JSONField(_("reasons for returning"), default=list, blank=True)
    refusal_reason = models.TextField(_("reason for not awarding"), blank=True)
    due = models.DateField(_("dossier due date"), null=True, blank=True)
    submitted_on = models.DateField(_("date sent"), null=True, blank=True)
    appraise_by = models.DateField(_("appraisal deadline"), null=True, blank=True)
    verdict = models.CharField(_("result of the check"), max_length=30, blank=True)
    verdict_regime = models.CharField(_("legal regime of the check"), max_length=64, blank=True)
    verdict_reasons = models.JSONField(_("reasons"), default=list, blank=True)
    checked_at = models.DateTimeField(_("time of the check"), null=True, blank=True)
    # One regime for the check, the council's threshold and the bonus (regimes.regime_for_dossier):
    # provisional by the year of the achievement, fixed on the day the board received the dossier.
    regime = models.CharField(_("applicable legal regime"), max_length=64)
    received_on = models.DateField(_("date the dossier was received"), null=True, blank=True)
    # The board's written reason to move on despite the standing it saw (Standing): it applies only while
    # the proposal still stands there under the same regime; a new check that changes it lets it lapse.
    override_reason = models.TextField(_("reason for overriding the eligibility check"), blank=True)
    override_standing = models.CharField(_("overridden result"), max_length=30, blank=True)
    override_regime = models.CharField(_("legal regime of the override"), max_length=64, blank=True)
    override_by = models.CharField(_("override written by"), max_length=255, blank=True)
    override_at = models.DateTimeField(_("time the override was written"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )

    class Meta:
        ordering = ["-year", "award", "rank", "id"]
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
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
        # Neither, in the admin's form sent back without its subject: the title of the page says no name.
        subject = self.person if self.person_id else self.unit if self.unit_id else None
        return subject.name if subject is not None else ""

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
        return str(Standing(self.standing).label)

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
        return str(Standing(self.override_standing).label) if self.override_standing else ""

    @property
    def may_go_forward(self) -> bool:
        return self.standing == Standing.ELIGIBLE or self.override_applies


class DossierItem(models.Model):
    """One document of a proposal's dossier, from the checklist of its award and regime (dossiers.py)."""

    proposal = models.ForeignKey(AwardProposal, on_delete=models.CASCADE, related_name="dossier")
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("document name"), max_length=255)
    required = models.BooleanField(_("required"), default=True)
    source = models.CharField(_("legal basis"), max_length=255)
    provided = models.BooleanField(_("provided"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        constraints = [models.UniqueConstraint(fields=["proposal", "code"], name="one_dossier_item")]

    def __str__(self) -> str:
        return self.name


def scan_path(instance: DossierScan, filename: str) -> str:
    """A random name in the proposal's own folder under MEDIA_ROOT: the uploader's file name is only a
    label (a name cannot be guessed, nor reach another folder)."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"dossiers/{instance.item.proposal_id}/{secrets.token_hex(16)}{suffix}"


class DossierScan(models.Model):
    """A signed paper of the dossier as the unit scanned it (PDF or image), checked by its content
    (core.uploads) and attached to the checklist item it proves. Written by registry.actions.dossier only."""

    item = models.ForeignKey(
        DossierItem, on_delete=models.CASCADE, related_name="scans", verbose_name=_("dossier document")
    )
    file = models.FileField(_("file"), upload_to=scan_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["item", "uploaded_at", "id"]
        verbose_name = _("signed scan")
        verbose_name_plural = _("signed scans")

    def __str__(self) -> str:
        return self.original_name

    @property
    def uploader(self) -> str:
        """Who uploaded it, as pages show people ("" once the account is gone)."""
        return actor_name(self.uploaded_by)


class Quota(models.Model):
    """The organizer's limit on how many of one award it accepts for one year, across all clusters."""

    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="award_quotas")
    award = models.CharField(_("code in the legal catalogue"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    limit = models.PositiveIntegerField(_("maximum number"))

    class Meta:
        ordering = ["organizer", "-year", "award"]
        verbose_name = _("award quota")
        verbose_name_plural = _("award quotas")
        constraints = [
            models.UniqueConstraint(fields=["organizer", "award", "year"], name="one_quota_per_award_year")
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year}: {self.limit}"


class TrackQuota(models.Model):
    """The organizer's limit on one award for one year within one track of its worklist: the clusters'
    reviews, the units' yearly proposals, or one movement (beside the award's quota across all tracks)."""

    class Track(models.TextChoices):
        # The keys of the worklist's tracks (registry.worklist.TRACKS), which filter the proposals list.
        CLUSTER = "cum", _("The cluster or block's yearly review")
        UNIT = "don-vi", _("A unit's yearly proposals for its collectives and people")
        MOVEMENT = "phong-trao", _("Thematic or ad hoc movements")

    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="track_quotas")
    award = models.CharField(_("code in the legal catalogue"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    # Set exactly when the track is a movement's: each movement has its own quota.
    movement = models.ForeignKey(
        Movement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotas",
        verbose_name=_("thematic emulation movement"),
    )
    limit = models.PositiveIntegerField(_("maximum number"))

    class Meta:
        ordering = ["organizer", "-year", "award", "track", "movement"]
        verbose_name = _("award quota of a track")
        verbose_name_plural = _("award quotas of a track")
        constraints = [
            models.CheckConstraint(
                name="track_quota_movement_iff_movement_track",
                condition=models.Q(track="phong-trao", movement__isnull=False)
                | (~models.Q(track="phong-trao") & models.Q(movement__isnull=True)),
            ),
            models.UniqueConstraint(
                fields=["organizer", "award", "year", "track"],
                condition=models.Q(movement__isnull=True),
                name="one_quota_per_award_year_track",
            ),
            models.UniqueConstraint(
                fields=["organizer", "award", "year", "movement"],
                condition=models.Q(movement__isnull=False),
                name="one_quota_per_award_year_movement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year} {self.track}: {self.limit}"


class Awardee(models.Model):
    """One subject of a decision: an award on record. The name is kept as decided (history stays)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awardees")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("collective"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("person"),
    )
    # A person's unit on the decision day: the unit whose people the statistics count them with.
    person_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="people_awards"
    )
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    award = models.CharField(_("code in the legal catalogue"), max_length=64, blank=True)
    name = models.CharField(_("name on the decision"), max_length=255)
    # A person's job title on the decision day, as the decision's annex prints it (history stays).
    position = models.CharField(_("job title on the decision"), max_length=255, blank=True)
    # Printed with its QR code on the certificate and in the annex; the key of the public page /xac-minh/.
    # Drawn once by the action that puts the award on record (registry.verification), never changed.
    code = models.CharField(_("verification code"), max_length=10, unique=True, editable=False)
    # Maintained on save; PostgreSQL also indexes it by trigram (migration 0002).
    name_folded = models.CharField(
        _("name without diacritics"), max_length=255, editable=False, db_index=True
    )
    proposal = models.OneToOneField(
        AwardProposal, on_delete=models.PROTECT, null=True, blank=True, related_name="awardee"
    )
    coefficient = models.DecimalField(_("bonus coefficient"), max_digits=5, decimal_places=2, null=True)
    bonus = models.PositiveIntegerField(_("bonus (dong)"), null=True, blank=True)
    bonus_note = models.CharField(_("bonus note"), max_length=500, blank=True)

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("person or collective awarded")
        verbose_name_plural = _("award registry")
        indexes = [
            # The registry search's order and page key (search.ORDER): a page is read off this index.
            models.Index(fields=["-year", "-id"], name="registry_awardee_year_id"),
            # The search's filter by form of commendation.
            models.Index(fields=["award", "-year", "-id"], name="registry_awardee_award_year"),
        ]
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
        from thidua.registry.search import index_awardees  # the search owns its words

        index_awardees([self])

    @property
    def revoked(self) -> bool:
        return hasattr(self, "revocation")


class AwardeeWord(models.Model):
    """One word of an award on record, as the registry search looks it up (search.py): a folded word of the
    name ("nguyen"), or an office's abbreviation the name or the form of commendation carries ("=ubnd" for
    "UBND …" and "Ủy ban nhân dân …" alike). Kept by Awardee.save() and the bulk path (search.index_awardees);
    filled for the awards already on record by migration 0020.

    `year` repeats the award's so that one word's awards are read newest first off an index, and `words`
    holds all of the award's words (" nguyen van an =cstd "), so the other words of a query are checked on
    the same index entry, not by another lookup per award."""

    # Neither key is checked by the database: a word row is derived, written only by the registry's own
    # writers in the award's transaction and deleted with it by Django's collector (CASCADE is Django's,
    # not the database's). The database's check per row was half the word rows' cost of a bulk load, two
    # checks for each of ~8.5 million rows at a million awards, guarding nothing those writers do not
    # (issue 12). The search joins the awards it shows, so a stray word could never show an award.
    awardee = models.ForeignKey(
        Awardee, on_delete=models.CASCADE, related_name="search_words", db_constraint=False
    )
    word = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    words = models.CharField(max_length=1000)
    # The award's decision's organizer, repeated (a decision never changes organizer) so that a board's
    # search walks only its organizer's entries, checked on the index entry: a province's board sees a
    # thirty-fourth of a nation's awards, and checking each match against the board's scope an award at
    # a time cost hundreds of queries a search (issue 13). Null only for rows written before migration 0022
    # filled it.
    organizer = models.ForeignKey(
        Organizer, on_delete=models.CASCADE, null=True, related_name="+", db_index=False, db_constraint=False
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            # One organizer's awards of a word newest first (search.ORDER), a year's as an index condition,
            # a query's other words read on the same entry. The organizer is a key, not an included column:
            # a province's board reads only its own stretch of a common word's entries, not the nation's
            # thirty-four filtered one by one (issue 13: 0.6-0.9 s a search at 2.5M awards). Searches over
            # several organizers merge their stretches (search._Plan.keys).
            models.Index(
                fields=["word", "organizer", "year", "awardee"],
                include=["words"],
                name="registry_word_org_postings",
            ),
        ]

    def __str__(self) -> str:
        return self.word


class Revocation(models.Model):
    """An award cancelled by its own decision (Law Art. 93): the awardee row stays, with this status."""

    awardee = models.OneToOneField(Awardee, on_delete=models.PROTECT, related_name="revocation")
    number = models.CharField(_("revocation decision number"), max_length=100)
    date = models.DateField(_("revocation decision date"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("award revocation")
        verbose_name_plural = _("award revocations")

    def __str__(self) -> str:
        return gettext("Revoked by decision No. {number}").format(number=self.number)


class ProvinceRule(models.Model):
    """A province's own figure for one award of the catalogue (LAW.md PRV-TTLDTT-BN: "store the percentage
    per province"), entered by the organizer's board from its own document. The engine applies it over the
    national rule on the days it is in force; ending it keeps the row (history is never rewritten)."""

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="province_rules", verbose_name=_("organizer")
    )
    award = models.CharField(_("code in the legal catalogue"), max_length=64)
    parameter = models.CharField(_("criterion"), max_length=64)
    value = models.PositiveSmallIntegerField(_("value"))
    document = models.CharField(_("document number and symbol"), max_length=255)
    document_date = models.DateField(_("date of issue"))
    article = models.CharField(_("article, clause"), max_length=255)
    start = models.DateField(_("in force from"))
    end = models.DateField(_("no longer in force after"), null=True, blank=True)

    class Meta:
        ordering = ["organizer", "award", "parameter", "start", "id"]
        verbose_name = _("province's own rule")
        verbose_name_plural = _("province's own rules")
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
        document = gettext("{document} of {date}").format(
            document=self.document, date=f"{self.document_date:%d/%m/%Y}"
        )
        return catalogue.Source(document, self.article)

    def as_rule(self) -> catalogue.ProvinceRule:
        """The engine's plain data for this row."""
        return catalogue.ProvinceRule(
            self.rule_id, self.award, self.parameter, self.value, self.source, self.start, self.end
        )
