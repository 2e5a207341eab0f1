"""The launch, the registrations and the pact signing: each checks its input whole and writes nothing when
refused (one transaction), and leaves an audit row. A refusal about one input is keyed by the parameter's
name (`ValidationError({"deadline": […]})`), so a page can show it beside that field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.notifications import Kind, notify, officers_of
from thidua.awards.catalogue import AWARDS
from thidua.core.audit import Actor, record
from thidua.emulation import where
from thidua.emulation.models import ClusterYear, Launch, Registration, Signing
from thidua.organisations.models import Unit

# The titles a collective registers besides the cluster's own tiers (LAW.md: the unit's yearly titles).
CATALOGUE_TITLES = ("tap-the-lao-dong-xuat-sac", "tap-the-lao-dong-tien-tien")


def title_choices(cluster_year: ClusterYear) -> list[tuple[str, str]]:
    """(code, name) of the titles a member unit may register: the cluster's tiers, then the catalogue's."""
    tiers = [(f"tier:{tier.code}", tier.name) for tier in cluster_year.cluster.ordered_tiers()]
    return tiers + [(f"award:{code}", AWARDS[code].name) for code in CATALOGUE_TITLES]


def _user(by: Actor) -> Any:
    return by if getattr(by, "pk", None) is not None else None


def _member(cluster_year: ClusterYear, unit: Unit) -> None:
    if not cluster_year.memberships.filter(unit=unit).exists():
        raise ValidationError(
            _("{unit} is not a member unit of the cluster in {year}.").format(
                unit=unit.name, year=cluster_year.year
            )
        )


def _launch_of(cluster_year: ClusterYear) -> Launch:
    launch = Launch.objects.filter(cluster_year=cluster_year).first()
    if launch is None:
        raise ValidationError(
            _(
                "No launch is recorded for {year}: the cluster head records the launch on {page} first."
            ).format(year=cluster_year.year, page=where.pact_page(cluster_year.year))
        )
    return launch


@transaction.atomic
def record_launch(
    cluster_year: ClusterYear,
    *,
    date: dt.date,
    document_number: str,
    document_title: str,
    theme: str,
    deadline: dt.date,
    by: Actor,
) -> Launch:
    """Record (or correct) the launch of the year's movement and the registration deadline."""
    errors: dict[str, list[str]] = {}
    if not cluster_year.memberships.exists():
        errors[NON_FIELD_ERRORS] = [
            _("{year} has no member units: record them on {page} before the launch.").format(
                year=cluster_year.year, page=where.edit_step(cluster_year.year, where.STEP_ROSTER)
            )
        ]
    if not document_number.strip():
        errors["document_number"] = [_("The launch document's number is required.")]
    if not document_title.strip():
        errors["document_title"] = [_("The launch document's summary is required.")]
    if not theme.strip():
        errors["theme"] = [_("The theme and content of the emulation movement are required.")]
    if deadline < date:
        errors["deadline"] = [
            _("The registration deadline ({deadline}) cannot be before the launch date ({date}).").format(
                deadline=f"{deadline:%d/%m/%Y}", date=f"{date:%d/%m/%Y}"
            )
        ]
    first_signing = Signing.objects.filter(cluster_year=cluster_year).order_by("signed_on").first()
    if first_signing is not None and first_signing.signed_on < date:
        errors["date"] = [
            _("A unit already signed the pact on {date}: the launch date cannot be after that day.").format(
                date=f"{first_signing.signed_on:%d/%m/%Y}"
            )
        ]
    if errors:
        raise ValidationError(errors)
    launch, created = Launch.objects.update_or_create(
        cluster_year=cluster_year,
        defaults={
            "date": date,
            "document_number": document_number.strip(),
            "document_title": document_title.strip(),
            "theme": theme.strip(),
            "deadline": deadline,
            "recorded_by": _user(by),
        },
    )
    record(
        by,
        "pact.launch" if created else "pact.launch_corrected",
        launch,
        date=date.isoformat(),
        document_number=launch.document_number,
        deadline=deadline.isoformat(),
    )
    if created:
        members = [m.unit for m in cluster_year.memberships.select_related("unit")]
        notify(
            officers_of(members),
            Kind.STAGE,
            _("{cluster} launched its emulation movement for {year}: register by {deadline}.").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year, deadline=f"{deadline:%d/%m/%Y}"
            ),
            reverse("pact:overview", args=[cluster_year.cluster_id, cluster_year.year]),
        )
    return launch


@transaction.atomic
def register(
    cluster_year: ClusterYear,
    unit: Unit,
    *,
    targets: str,
    titles: Sequence[str],
    by: Actor,
    today: dt.date | None = None,
) -> Registration:
    """Record (or replace, until the deadline) a member unit's targets and the titles it aims for."""
    today = today or timezone.localdate()
    _member(cluster_year, unit)
    launch = _launch_of(cluster_year)
    if today > launch.deadline:
        raise ValidationError(
            _(
                "The registration deadline has passed (last day {deadline}); a registration on {date} is not "
                "accepted."
            ).format(deadline=f"{launch.deadline:%d/%m/%Y}", date=f"{today:%d/%m/%Y}")
        )
    lines = [line.strip() for line in targets.splitlines() if line.strip()]
    names = dict(title_choices(cluster_year))
    errors: dict[str, list[str]] = {}
    if not lines:
        errors["targets"] = [_("At least one target is required (one target per line).")]
    unknown = [code for code in titles if code not in names]
    if not titles:
        errors["titles"] = [_("Choose at least one title or commendation form to register for.")]
    elif unknown:
        errors["titles"] = [_("Titles not in the cluster's list: {codes}.").format(codes=", ".join(unknown))]
    if errors:
        raise ValidationError(errors)
    chosen = [{"code": code, "name": names[code]} for code in dict.fromkeys(titles)]
    registration, created = Registration.objects.update_or_create(
        cluster_year=cluster_year,
        unit=unit,
        defaults={"targets": "\n".join(lines), "titles": chosen, "registered_by": _user(by)},
    )
    record(
        by,
        "pact.register" if created else "pact.register_changed",
        registration,
        unit=unit.pk,
        targets=lines,
        titles=[title["code"] for title in chosen],
    )
    return registration


@transaction.atomic
def record_signing(
    cluster_year: ClusterYear, *, signed_on: dt.date, units: Iterable[Unit], by: Actor
) -> list[Signing]:
    """Record that the given units signed the pact on `signed_on`; a unit signs once."""
    launch = _launch_of(cluster_year)
    units = list(units)
    errors: dict[str, list[str]] = {}
    if not units:
        errors["units"] = [_("Choose at least one unit that signed the pact.")]
    if signed_on < launch.date:
        errors["signed_on"] = [
            _("The pact signing date ({date}) cannot be before the launch date ({launch}).").format(
                date=f"{signed_on:%d/%m/%Y}", launch=f"{launch.date:%d/%m/%Y}"
            )
        ]
    members = set(cluster_year.memberships.values_list("unit_id", flat=True))
    signed = dict(Signing.objects.filter(cluster_year=cluster_year).values_list("unit_id", "signed_on"))
    for unit in units:
        if unit.pk not in members:
            problem = _("{unit} is not a member unit of the cluster in {year}.").format(
                unit=unit.name, year=cluster_year.year
            )
        elif unit.pk in signed:
            problem = _("{unit} already signed the pact on {date}; each unit signs only once.").format(
                unit=unit.name, date=f"{signed[unit.pk]:%d/%m/%Y}"
            )
        else:
            continue
        errors.setdefault("units", []).append(problem)
    if errors:
        raise ValidationError(errors)
    signings = []
    for unit in units:
        signing = Signing.objects.create(
            cluster_year=cluster_year, unit=unit, signed_on=signed_on, recorded_by=_user(by)
        )
        record(by, "pact.sign", signing, unit=unit.pk, signed_on=signed_on.isoformat())
        signings.append(signing)
    return signings


def status_rows(cluster_year: ClusterYear) -> list[dict[str, object]]:
    """Each member unit with its registration and signing (None when missing), in roster order."""
    registrations = {r.unit_id: r for r in Registration.objects.filter(cluster_year=cluster_year)}
    signings = {s.unit_id: s for s in Signing.objects.filter(cluster_year=cluster_year)}
    return [
        {"unit": unit, "registration": registrations.get(unit.pk), "signing": signings.get(unit.pk)}
        for unit in cluster_year.member_units()
    ]
