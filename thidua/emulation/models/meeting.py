"""The review meeting: attendance rules, the voting state, one-time ballot codes.

Secrecy (STYLE.md 7): a BallotCode holds only a keyed hash of its code. Its holder (the unit) is kept until
it is used (to refuse a vote for oneself and to reissue a lost code) and erased in the same UPDATE that
marks it used; nothing links a code to the ballot it cast (Ballot has no code, no voter, no timestamp). Who
received a code is stored apart, in CodeIssue. The organizer's council votes with the same machinery
(thidua.emulation.balloting) on code tables of its own (registry CouncilCode, CouncilCodeIssue).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, connections, models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.codes import new_page_token
from thidua.emulation.models.review import Ballot, Review
from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import AwardTier, Cluster, Unit

# The first key of a meeting's advisory lock (Meeting._casting_lock), the meeting's id the second.
CASTING_LOCK_CLASS = 0x50686965


class Voting(models.TextChoices):
    """Where the vote stands, at a meeting or a council sitting."""

    PREPARING = "preparing", _("Voting not open yet")
    OPEN = "open", _("Voting in progress")
    CLOSED = "closed", _("Voting closed")


class Meeting(models.Model):
    Voting = Voting

    class Mode(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic ballots (one-time codes)")
        PAPER = "paper", _("Paper ballots (entered by the tellers)")

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("review meeting")
    )
    voting = models.CharField(_("voting"), max_length=20, choices=Voting.choices, default=Voting.PREPARING)
    mode = models.CharField(_("voting mode"), max_length=20, choices=Mode.choices, default=Mode.ELECTRONIC)
    # Quorum: present units / members must exceed (or reach, when not strict) this share.
    quorum_share = models.DecimalField(
        _("minimum attendance share"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    quorum_strict = models.BooleanField(_("must exceed the share"), default=True)
    self_vote_allowed = models.BooleanField(_("may vote for its own unit"), default=True)
    code_hours = models.PositiveSmallIntegerField(_("ballot code validity (hours)"), default=4)
    # The address of the published list of counted ballots: known to those who were told it (the chair's
    # screen, each delegate's receipt), never found by counting ids.
    public_token = models.CharField(
        _("address of the counted ballots"),
        max_length=32,
        unique=True,
        default=new_page_token,
        editable=False,
    )

    # Sealed while open (thidua.emulation.seal): nothing counted shows until the chair closes the vote, and
    # again after a reopen. A meeting never opened keeps the ballots imported with its year in view.
    sealed_states = frozenset({Voting.OPEN})

    class Meta:
        db_table = "meeting_meeting"
        verbose_name = _("voting session")
        verbose_name_plural = _("voting sessions")

    def __str__(self) -> str:
        return gettext("Voting – %(review)s") % {"review": self.review}

    # What the code machinery (thidua.emulation.balloting) asks of an owner of a vote.
    HOLDER = "unit"

    def vote_noun(self) -> str:
        return gettext("The meeting")

    def cast_ballots(self) -> models.QuerySet[Ballot]:
        return self.review.ballots.all()

    def is_concluded(self) -> bool:
        return self.review.concluded_at is not None

    def _casting_lock(self, *, shared: bool) -> None:
        """PostgreSQL: this meeting's transaction-level advisory lock, shared by casts, exclusive for a change
        of state. Not the row's FOR SHARE: under a thousand delegates every share-lock of the same row wrote
        the row again (a new multixact naming every current locker, with its WAL record), which cost more
        database time than the ballot's own INSERT; an advisory lock lives in memory only. Nothing else in
        the product takes advisory locks; a key shared by two meetings (ids past 2^31) only makes one wait."""
        if connection.vendor != "postgresql":
            return
        take = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {take}(%s, %s)", [CASTING_LOCK_CLASS, self.pk % 2**31])

    def locked(self) -> Meeting:
        """This meeting read again under an exclusive lock, for a change of its state: it waits for the casts
        under way (`locked_for_casting`) and every cast after it reads the new state."""
        self._casting_lock(shared=False)
        rows = Meeting.objects.select_related("review__cluster_year__cluster")
        return rows.select_for_update(of=("self",)).get(pk=self.pk)

    def locked_for_casting(self, named: Collection[str] = ()) -> set[str]:
        """This meeting's voting state read again under a shared lock, for a cast, and which of the unit codes
        `named` (the ballot's) are its year's members, read in the same statement; returns those members.

        Casts hold the lock together, so a meeting's delegates cast side by side, while closing, reopening or
        concluding (`locked`, exclusive) waits for the casts under way, and every cast after them reads the
        new state. The state is read by the statement after the lock's, as PostgreSQL reads a statement's
        rows as they stood when it began. One code one ballot is the conditional UPDATE's (balloting.spend),
        not this lock's. SQLite runs one writer at a time (IMMEDIATE transactions): the state is read as it
        is."""
        from thidua.emulation.queries.meeting import members_named_sql  # queries import the models

        # One row per member named, each with the state; or one row, with no member.
        members, codes = "", list[Any]()
        if named:
            organizer = self.review.cluster_year.cluster.organizer_id
            members, codes = members_named_sql(named, organizer, "r.cluster_year_id")
        join = f"LEFT JOIN {Unit._meta.db_table} u ON {members} " if named else ""
        sql = (
            f"SELECT m.voting, m.self_vote_allowed, r.concluded_at, {'u.code' if named else 'NULL'} "
            f"FROM {Meeting._meta.db_table} m JOIN {Review._meta.db_table} r ON r.id = m.review_id {join}"
            "WHERE m.id = %s"
        )
        self._casting_lock(shared=True)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*codes, self.pk])
            rows = cursor.fetchall()
        self.voting, self.self_vote_allowed, self.review.concluded_at, _member = rows[0]
        return {member for *_state, member in rows if member is not None}


class OneTimeCode(models.Model):
    """A one-time ballot code, kept only as a keyed hash (codes.digest). Its holder is kept until the code is
    used and erased in the same UPDATE that marks it used (balloting.spend). A meeting's codes (BallotCode)
    and a council sitting's (registry CouncilCode) are this, each with its own owner and holder field."""

    # Random ids, created in shuffled order: the row order says nothing about which holder got which code.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(_("code hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used = models.BooleanField(_("used"), default=False)

    # Read with the code by balloting.usable (with_owner: select_related, prefetch_related): each table names
    # its own, or reads them its own way (BallotCode).
    RELATED: tuple[str, ...] = ()
    PREFETCHED: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return gettext("Ballot code used") if self.used else gettext("Ballot code not used")

    @classmethod
    def with_owner(cls, digest: str) -> OneTimeCode | None:
        """The row of the code with this digest and what a cast reads with it (RELATED, PREFETCHED)."""
        rows = cls._default_manager.select_related(*cls.RELATED).prefetch_related(*cls.PREFETCHED)
        return rows.filter(digest=digest).first()


class CodeIssue(models.Model):
    """That a present unit received its ballot code: participation, kept apart from codes and ballots."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="issues")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))

    class Meta:
        db_table = "meeting_codeissue"
        verbose_name = _("ballot code recipient")
        verbose_name_plural = _("ballot code recipients")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="one_code_issue_per_unit")]

    def __str__(self) -> str:
        return gettext("%(unit)s received a ballot code") % {"unit": self.unit}


class BallotCode(OneTimeCode):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="codes")
    # The holder, set at issue and erased when the code is used.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    HOLDER = "unit"

    class Meta(OneTimeCode.Meta):
        db_table = "meeting_ballotcode"
        verbose_name = _("ballot code")
        verbose_name_plural = _("ballot codes")

    @classmethod
    def with_owner(cls, digest: str) -> BallotCode | None:
        """The code's row with what a cast reads with it, its meeting, review, year, cluster, unit and the
        cluster's award tiers, in one plain SQL statement: one lookup, not one per step. Every delegate's
        request reads this first; the ORM's select_related over five tables and its prefetch cost more CPU to
        build and read than the whole rest of the cast (issue 13: 1,000 delegates at once), and the tiers read
        by a statement of their own cost a round trip to the database more."""
        sql, converters = _code_with_owner_sql(connection.alias)
        with connection.cursor() as cursor:
            cursor.execute(sql, [digest])
            found = cursor.fetchall()
        if not found:
            return None
        # One row per tier of the cluster (the tier's columns last), the code's and its owners' repeated.
        rows = [_converted(row, converters) for row in found]
        built: list[models.Model | None] = []
        start = 0
        for model in _WITH_OWNER:
            names = [f.attname for f in model._meta.concrete_fields]
            part = rows[0][start : start + len(names)]
            start += len(names)
            # The unit is erased once the code is used: a LEFT JOIN's NULLs, no unit.
            built.append(model.from_db(connection.alias, names, part) if part[0] is not None else None)
        code, meeting, review, year, cluster, unit = built
        year.cluster, review.cluster_year, meeting.review = cluster, year, review  # type: ignore[union-attr]
        code.meeting, code.unit = meeting, unit  # type: ignore[union-attr]
        names = [f.attname for f in AwardTier._meta.concrete_fields]
        # A cluster without a tier: one row, the tier's columns NULL.
        tiers = [
            AwardTier.from_db(connection.alias, names, row[start:]) for row in rows if row[start] is not None
        ]
        _keep_tiers(cluster, tiers)  # type: ignore[arg-type]
        return code  # type: ignore[return-value]

    @property
    def owner(self) -> Meeting:
        return self.meeting

    @property
    def holder(self) -> Unit | None:
        return self.unit


# What BallotCode.with_owner reads, in the order of its query's joins: the code, its meeting, review, year,
# cluster, and its unit (erased once used); then, one row each, the cluster's award tiers.
_WITH_OWNER: list[type[models.Model]] = [BallotCode, Meeting, Review, ClusterYear, Cluster, Unit]


@functools.cache
def _code_with_owner_sql(alias: str) -> tuple[str, list[tuple[int, list[tuple[Any, Any]]]]]:
    """BallotCode.with_owner's statement and, by column, the converters the ORM applies to it (built once per
    process: the column lists follow the models)."""
    connection = connections[alias]
    models_read: list[type[models.Model]] = [*_WITH_OWNER, AwardTier]
    fields = [(model, field) for model in models_read for field in model._meta.concrete_fields]
    aliases = dict(zip(models_read, ["c", "m", "r", "y", "k", "u", "t"], strict=True))
    select = ", ".join(f"{aliases[model]}.{connection.ops.quote_name(f.column)}" for model, f in fields)
    table = {aliases[model]: model._meta.db_table for model in models_read}
    tiers = Cluster._meta.get_field("award_tiers")
    through = tiers.remote_field.through._meta.db_table  # type: ignore[union-attr]
    own, other = tiers.m2m_column_name(), tiers.m2m_reverse_name()  # type: ignore[union-attr]
    sql = (
        f"SELECT {select} FROM {table['c']} c JOIN {table['m']} m ON m.id = c.meeting_id "
        f"JOIN {table['r']} r ON r.id = m.review_id JOIN {table['y']} y ON y.id = r.cluster_year_id "
        f"JOIN {table['k']} k ON k.id = y.cluster_id LEFT JOIN {table['u']} u ON u.id = c.unit_id "
        f"LEFT JOIN {through} x ON x.{own} = k.id LEFT JOIN {table['t']} t ON t.id = x.{other} "
        "WHERE c.digest = %s"
    )
    converters = []
    for index, (model, field) in enumerate(fields):
        expression = field.get_col(model._meta.db_table)
        found = [*connection.ops.get_db_converters(expression), *expression.get_db_converters(connection)]
        if found:
            converters.append((index, [(convert, expression) for convert in found]))
    return sql, converters


def _converted(row: tuple[Any, ...], converters: list[tuple[int, list[tuple[Any, Any]]]]) -> list[Any]:
    """The database's values as the ORM converts them (booleans and dates on SQLite, JSON, uuids)."""
    values = list(row)
    for index, column_converters in converters:
        for convert, expression in column_converters:
            values[index] = convert(values[index], expression, connection)
    return values


def _keep_tiers(cluster: Cluster, tiers: list[AwardTier]) -> None:
    """The cluster's award tiers, read with its code, kept where prefetch_related("award_tiers") leaves them
    (for Cluster.ordered_tiers): the ORM's prefetch cost 10 times the code's lookup."""
    kept = cluster.award_tiers.all()
    kept._result_cache, kept._prefetch_done = tiers, True  # type: ignore[attr-defined]
    cluster._prefetched_objects_cache = {"award_tiers": kept}  # type: ignore[attr-defined]
