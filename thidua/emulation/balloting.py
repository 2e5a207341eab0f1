"""What a cluster meeting and a council sitting share: one-time ballot codes (issue, reissue, check,
spend) and the close / reopen of their vote. One implementation for every owner of a vote.

An owner is a Meeting (codes held by present units) or the board's Council (registry: codes held by
present members); each declares what this module needs (see `Owner`), so this module imports neither the
board's models nor its pages: the board registers its code table and its ballot page (`register`) when it
starts. Spending a code is one conditional UPDATE that marks it used and erases its holder: the database
decides between concurrent requests, and after it nothing ties the code to anyone. Nothing here logs a code.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import Actor, record
from thidua.core.bulk import row_values
from thidua.emulation import codes
from thidua.emulation.models import BallotCode, OneTimeCode, Voting
from thidua.organisations.models import Unit

# An owner of a vote (Meeting, registry Council): `codes` and `issues` (related names of its code and issue
# tables), HOLDER (the holder's field on both), `voting`, `code_hours`, `cast_ballots()`, `vote_noun()`,
# `is_concluded()` and `locked()`. A holder is a Unit or a council member (`display_name`).
Owner = Any
Holder = Any


@dataclass(frozen=True)
class CodeKind:
    """A table of one-time codes and the page where its codes' ballots are cast (None: the meeting's)."""

    model: type[OneTimeCode]
    page: Callable[..., Any] | None


_KINDS: list[CodeKind] = [CodeKind(BallotCode, None)]


def register(model: type[OneTimeCode], page: Callable[..., Any]) -> None:
    """Another owner's code table and its ballot page (the board's council, from its AppConfig.ready)."""
    if all(kind.model is not model for kind in _KINDS):
        _KINDS.append(CodeKind(model, page))


def _owner_model(code_model: type[OneTimeCode]) -> Any:
    """The model of a code table's owner: the one its rows point to, whose `codes` they are."""
    for field in code_model._meta.fields:
        remote: Any = field.remote_field
        if remote is not None and remote.related_name == "codes":
            return remote.model
    raise LookupError(code_model)


def open_owners() -> list[Owner]:
    """Every vote open now, of every kind (a meeting, the board's council): the code tables' owners."""
    owners: list[Owner] = []
    for kind in _KINDS:
        owners += list(_owner_model(kind.model)._default_manager.filter(voting=Voting.OPEN))
    return owners


def page_for(row: OneTimeCode) -> Callable[..., Any] | None:
    """The ballot page for a code's row: None for a meeting's (the meeting's own pages)."""
    return next(kind.page for kind in _KINDS if isinstance(row, kind.model))


USED = gettext_lazy("This ballot code has already been used to vote; each code casts only one ballot.")
UNKNOWN = gettext_lazy("There is no such ballot code. Check the code (8 characters, for example K7QF-2MXP).")
EXPIRED = gettext_lazy("The ballot code has expired. Ask the chair for a new code.")
# "{}" is the owner's name: "Hội nghị" or "Phiên họp Hội đồng" (its vote_noun, "The meeting" or "The
# council sitting" in English), filled in by the callers, which format these positionally.
NOT_OPEN = gettext_lazy("{} has not opened voting yet. Please wait for the chair to open voting.")
CLOSED = gettext_lazy("{} has closed voting; no more ballots are accepted.")


@dataclass(frozen=True)
class IssuedCode:
    """A code as issued: shown to the chair once, never stored in this form."""

    holder: Holder
    code: str
    expires_at: datetime

    @property
    def name(self) -> str:
        return str(self.holder.display_name)

    @property
    def key(self) -> str:
        """What the chair's sheet marks the card with: the unit's code, the member's id."""
        return self.holder.code if isinstance(self.holder, Unit) else str(self.holder.pk)


def noun(owner: Owner) -> str:
    return str(owner.vote_noun())


def ballots_of(owner: Owner) -> QuerySet:
    """The ballots cast at the owner's vote."""
    return owner.cast_ballots()  # type: ignore[no-any-return]


def _new_code_row(owner: Owner, holder: Holder) -> IssuedCode:
    code = codes.new_code()
    expires = timezone.now() + timedelta(hours=owner.code_hours)
    owner.codes.create(digest=codes.digest(code), expires_at=expires, **{owner.HOLDER: holder})
    return IssuedCode(holder, code, expires)


def issue(owner: Owner, holders: list[Holder]) -> list[IssuedCode]:
    """One code for each holder that has none yet at this owner. Called inside the owner's transaction,
    owner locked. The codes are returned once and never stored."""
    served = issued_holders(owner)
    new = [h for h in holders if h.pk not in served]
    # Shuffled: neither the rows' order nor their random ids follow the order of the holders.
    random.SystemRandom().shuffle(new)
    issued = [_new_code_row(owner, h) for h in new]
    issue_model, own = owner.issues.model, {_prefix(owner): owner}
    issue_model.objects.bulk_create(issue_model(**own, **{owner.HOLDER: h}) for h in new)
    return sorted(issued, key=lambda i: i.key)


def reissue(owner: Owner, holder: Holder) -> IssuedCode:
    """A new code for a holder whose code is lost or expired, unused; the old one stops working.

    An explicit act for one named holder, audited by the caller. A used code cannot be replaced, so a
    refusal is unavoidably a hint: its words stay neutral and no page lists whose codes are used."""
    name = IssuedCode(holder, "", timezone.now()).name
    if not owner.issues.filter(**{owner.HOLDER: holder}).exists():
        raise ValidationError(
            _(
                "{name} has not been issued a ballot code; use the button that issues codes to attendees "
                "without one."
            ).format(name=name),
            code="not_issued",
        )
    old = owner.codes.filter(**{owner.HOLDER: holder}, used=False)
    if not old.exists():
        raise ValidationError(
            _("A ballot code cannot be reissued for {name}: the code issued cannot be replaced.").format(
                name=name
            ),
            code="kept",
        )
    old.delete()
    return _new_code_row(owner, holder)


@dataclass(frozen=True)
class CodesUsed:
    """How many of the issued codes have been used: the one number shown while the vote is sealed
    (review.seal), never whose."""

    used: int
    issued: int

    def __str__(self) -> str:
        return f"{self.used}/{self.issued}"


def codes_used(owner: Owner) -> CodesUsed:
    return CodesUsed(owner.codes.filter(used=True).count(), owner.issues.count())


def issued_holders(owner: Owner) -> set[int]:
    """Ids of the holders who received a code: fixed when codes are issued, unchanged by casting."""
    return set(owner.issues.values_list(f"{owner.HOLDER}_id", flat=True))


def check_open(owner: Owner) -> None:
    if owner.is_concluded() or owner.voting == Voting.CLOSED:
        raise ValidationError(CLOSED.format(noun(owner)), code="closed")
    if owner.voting != Voting.OPEN:
        raise ValidationError(NOT_OPEN.format(noun(owner)), code="not_open")


def usable(code: str) -> OneTimeCode:
    """The code's row if it can cast a ballot now (at a meeting or at any other registered owner's vote);
    otherwise a ValidationError saying why."""
    if not codes.is_well_formed(codes.normalize(code)):
        raise ValidationError(UNKNOWN, code="unknown")
    digest = codes.digest(code)
    rows = (kind.model.with_owner(digest) for kind in _KINDS)
    row = next((r for r in rows if r is not None), None)
    if row is None:
        raise ValidationError(UNKNOWN, code="unknown")
    if row.used:
        raise ValidationError(USED, code="used")
    if row.expires_at <= timezone.now():
        raise ValidationError(EXPIRED, code="expired")
    check_open(row.owner)  # type: ignore[attr-defined]  # each code table names its owner
    return row


def spend(row: OneTimeCode, *, storing: models.Model | None = None) -> None:
    """Mark the code used and forget its holder, or refuse if another request got there first. Call it in
    the transaction that stores the ballot, after every check: a refused ballot leaves the code usable.

    `storing`: the ballot cast with the code (a new row), inserted only if the code was spent. On PostgreSQL
    both go in one statement, one round trip instead of two for each of a meeting's thousand delegates
    (issue 13); plain SQL, as the ORM's update and create cost more CPU to build than the database spends."""
    meta: Any = type(row)._meta  # the code table's: its fields by name
    quote, used, key = connection.ops.quote_name, meta.get_field("used").column, meta.pk
    holder = meta.get_field(row.owner.HOLDER).column  # type: ignore[attr-defined]
    update = (
        f"UPDATE {quote(meta.db_table)} SET {quote(used)} = %s, {quote(holder)} = NULL "
        f"WHERE {quote(key.column)} = %s AND NOT {quote(used)}"
    )
    params = [True, key.get_db_prep_value(row.pk, connection)]
    with connection.cursor() as cursor:
        if storing is None:
            cursor.execute(update, params)
        elif connection.vendor == "postgresql":
            table, columns, values = row_values(storing)
            marks = ", ".join(["%s"] * len(values))
            insert = f"INSERT INTO {table} ({columns}) SELECT {marks} FROM spent"
            cursor.execute(f"WITH spent AS ({update} RETURNING 1) {insert}", [*params, *values])
        else:  # SQLite has no UPDATE inside WITH; it runs in this process, with no round trip to save
            cursor.execute(update, params)
            if cursor.rowcount == 1:
                table, columns, values = row_values(storing)
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(values))})", values
                )
        taken = cursor.rowcount
    if taken != 1:
        raise ValidationError(USED, code="used")
    if storing is not None:
        storing._state.adding, storing._state.db = False, connection.alias


def lock(owner: Owner) -> Owner:
    """The owner's row, locked: each cast and each change of state takes this lock, so no ballot lands
    after the vote is closed."""
    return owner.locked()


def _prefix(owner: Owner) -> str:
    return str(owner._meta.model_name)


def close(owner: Owner, *, by: Actor) -> Owner:
    """Close the vote (in the caller's transaction), with an audit row and the number of ballots cast."""
    owner = lock(owner)
    if owner.voting != Voting.OPEN:
        raise ValidationError(_("Voting is not in the open state."), code="state")
    owner.voting = Voting.CLOSED
    owner.save(update_fields=["voting"])
    cast = _rewrite_in_random_order(owner)
    record(by, f"{_prefix(owner)}.close", owner, ballots_cast=cast)
    return owner


def _rewrite_in_random_order(owner: Owner) -> int:
    """Rewrite the owner's ballots, same choices and receipts, with new random ids and in a random order.

    Ids and receipts are random already, but the database keeps an order of its own that follows casting:
    SQLite's rowid, PostgreSQL's physical order and each row's inserting transaction (xmin). Written
    again in one transaction, every ballot has the same inserting transaction and a shuffled place. The
    deleted versions stay in the file until PostgreSQL vacuums the table or SQLite reuses the pages."""
    ballots = list(ballots_of(owner))
    random.SystemRandom().shuffle(ballots)
    ballots_of(owner).delete()
    for ballot in ballots:
        ballot.pk = uuid.uuid4()
        ballot._state.adding = True
    if ballots:
        type(ballots[0]).objects.bulk_create(ballots)
    return len(ballots)


def reopen(owner: Owner, *, reason: str, by: Actor) -> Owner:
    """Reopen a closed vote, with the reason in the audit row."""
    owner = lock(owner)
    if owner.is_concluded():
        raise ValidationError(
            _("The meeting has concluded its results; nothing can be changed any more."), code="concluded"
        )
    if owner.voting != Voting.CLOSED:
        raise ValidationError(_("Voting can only be reopened once it is closed."), code="state")
    if not reason.strip():
        raise ValidationError(_("A reason for reopening the vote is required."), code="reason")
    owner.voting = Voting.OPEN
    owner.save(update_fields=["voting"])
    record(
        by, f"{_prefix(owner)}.reopen", owner, reason=reason.strip(), ballots_cast=ballots_of(owner).count()
    )
    return owner
