"""Every change of what the public sees goes through one of these: one transaction, one audit row naming the
acting user, the public pages' cache dropped after commit (publication.cache)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import uploads
from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.summary import year_summary
from thidua.organisations.models import Unit
from thidua.publication import cache
from thidua.publication.models import ExemplaryModel, ModelEvidence, PublishedResults
from thidua.registry.models import Movement, Person

EVIDENCE_ACCEPTED = (".pdf", ".jpg", ".jpeg", ".png")
MOST_EVIDENCE = 10


def _user(by: Actor) -> object | None:
    return None if isinstance(by, str) or by is None or not by.is_authenticated else by


# ---- a cluster-year's results ----------------------------------------------------------------------------


@transaction.atomic
def publish_results(cluster_year: ClusterYear, *, by: Actor) -> PublishedResults:
    """Make the year's results public: only once its review is concluded (never while its vote is sealed).
    Publishing again keeps the address already given out."""
    summary = year_summary(cluster_year)
    if summary.review is None or not summary.concluded or summary.sealed:
        raise ValidationError(
            _("The results of {year} cannot be published before the cluster's review is concluded.").format(
                year=cluster_year
            ),
            code="not_concluded",
        )
    published, created = PublishedResults.objects.get_or_create(
        cluster_year=cluster_year,
        defaults={"published_at": timezone.now(), "published_by": _user(by)},
    )
    if created:
        record(by, "publication.results.publish", cluster_year, token=published.token)
        cache.changed()
    return published


@transaction.atomic
def withdraw_results(cluster_year: ClusterYear, *, by: Actor) -> None:
    """Take the year's results off the public side (a mistake found after publishing); the address dies."""
    deleted, _rows = PublishedResults.objects.filter(cluster_year=cluster_year).delete()
    if deleted:
        record(by, "publication.results.withdraw", cluster_year)
        cache.changed()


# ---- exemplary models ------------------------------------------------------------------------------------


def max_evidence_bytes() -> int:
    return int(settings.DOSSIER_SCAN_MAX_MB) * 1024 * 1024


def _checked(
    proposed_by: Unit,
    movement: Movement,
    year: int,
    person: Person | None,
    unit: Unit | None,
    title: str,
    story: str,
    evidence: Sequence[UploadedFile],
    kept: int = 0,
) -> tuple[str, str]:
    """A proposal as the board will read it, or every problem at once (ValidationError by field); `kept`:
    the files already attached (a returned model proposed again keeps its evidence)."""
    errors: dict[str, list[str]] = {}
    if movement.organizer_id != proposed_by.organizer_id:
        errors["movement"] = [_("The movement belongs to another organizer.")]
    if (person is None) == (unit is None):
        errors["person"] = [_("Choose either a person or a collective, not both.")]
    elif (person or unit).organizer_id != proposed_by.organizer_id:  # type: ignore[union-attr]
        errors["person"] = [_("The person or collective belongs to another organizer.")]
    title, story = " ".join(title.split()), story.strip()
    if not title:
        errors["title"] = [_("Enter a headline.")]
    if not story:
        errors["story"] = [_("Tell the model's story.")]
    if year < movement.start.year or (movement.end is not None and year > movement.end.year):
        errors["year"] = [_("The year is outside the movement's dates.")]
    if kept + len(evidence) > MOST_EVIDENCE:
        errors["evidence"] = [_("At most {n} files.").format(n=MOST_EVIDENCE)]
    for upload in evidence:
        try:
            uploads.check_upload(upload, accepted=EVIDENCE_ACCEPTED, max_bytes=max_evidence_bytes())
        except ValidationError as error:
            errors.setdefault("evidence", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return title, story


def _attach(model: ExemplaryModel, evidence: Sequence[UploadedFile]) -> None:
    now = timezone.now()
    for upload in evidence:
        assert upload.name is not None and upload.size is not None  # check_upload refused nameless files
        ModelEvidence.objects.create(
            model=model, file=upload, original_name=upload.name[:255], size=upload.size, uploaded_at=now
        )


@transaction.atomic
def propose_model(
    proposed_by: Unit,
    *,
    movement: Movement,
    year: int,
    person: Person | None,
    unit: Unit | None,
    position: str,
    title: str,
    story: str,
    evidence: Sequence[UploadedFile] = (),
    by: Actor,
) -> ExemplaryModel:
    """A unit's proposal of a person or a collective as an exemplary model of `movement`, with its story and
    evidence (each file checked by its content first, core.uploads)."""
    title, story = _checked(proposed_by, movement, year, person, unit, title, story, evidence)
    model = ExemplaryModel.objects.create(
        organizer_id=proposed_by.organizer_id,
        movement=movement,
        year=year,
        person=person,
        unit=unit,
        name=person.name if person is not None else unit.name if unit is not None else "",
        position=" ".join(position.split()) if person is not None else "",
        title=title,
        story=story,
        proposed_by=proposed_by,
        proposed_at=timezone.now(),
    )
    _attach(model, evidence)
    record(by, "publication.model.propose", model, name=model.name, files=len(evidence))
    return model


def _locked(model: ExemplaryModel) -> ExemplaryModel:
    return ExemplaryModel.objects.select_for_update().get(pk=model.pk)


@transaction.atomic
def revise_model(
    model: ExemplaryModel,
    *,
    movement: Movement,
    year: int,
    person: Person | None,
    unit: Unit | None,
    position: str,
    title: str,
    story: str,
    evidence: Sequence[UploadedFile] = (),
    by: Actor,
) -> ExemplaryModel:
    """The unit's answer to the board's return: the model corrected (its files kept, more added) and
    proposed again, awaiting the board. Only a returned model: one awaiting the board or public is the
    board's to act on. The board's reason stays in the audit trail."""
    locked = _locked(model)
    if locked.state != ExemplaryModel.State.RETURNED:
        raise ValidationError(
            _("Only a model the board returned can be changed and proposed again."), code="state"
        )
    title, story = _checked(
        locked.proposed_by, movement, year, person, unit, title, story, evidence, kept=locked.evidence.count()
    )
    locked.movement, locked.year, locked.person, locked.unit = movement, year, person, unit
    locked.name = person.name if person is not None else unit.name if unit is not None else ""
    locked.position = " ".join(position.split()) if person is not None else ""
    locked.title, locked.story = title, story
    locked.state = ExemplaryModel.State.PROPOSED
    locked.returned_reason = ""
    locked.proposed_at = timezone.now()
    locked.save()
    _attach(locked, evidence)
    record(by, "publication.model.revise", locked, name=locked.name, files=len(evidence))
    return locked


@transaction.atomic
def publish_model(model: ExemplaryModel, *, by: Actor) -> ExemplaryModel:
    locked = _locked(model)
    if locked.state == ExemplaryModel.State.PUBLISHED:
        return locked
    if locked.state != ExemplaryModel.State.PROPOSED:
        raise ValidationError(_("Only a model awaiting the board can be published."), code="state")
    locked.state = ExemplaryModel.State.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["state", "published_at"])
    record(by, "publication.model.publish", locked, name=locked.name)
    cache.changed()
    return locked


@transaction.atomic
def return_model(model: ExemplaryModel, *, reason: str, by: Actor) -> ExemplaryModel:
    """Back to the unit with the board's reason; a published model leaves the public side."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the model is returned.")]})
    locked = _locked(model)
    was_public = locked.state == ExemplaryModel.State.PUBLISHED
    locked.state = ExemplaryModel.State.RETURNED
    locked.returned_reason = reason
    locked.featured = False
    locked.published_at = None
    locked.save(update_fields=["state", "returned_reason", "featured", "published_at"])
    record(by, "publication.model.return", locked, reason=reason)
    if was_public:
        cache.changed()
    return locked


@transaction.atomic
def feature_model(model: ExemplaryModel, *, featured: bool, by: Actor) -> ExemplaryModel:
    """Show a published model first on the public side (or stop)."""
    locked = _locked(model)
    if featured and locked.state != ExemplaryModel.State.PUBLISHED:
        raise ValidationError(_("Only a published model can be featured."), code="state")
    if locked.featured != featured:
        locked.featured = featured
        locked.save(update_fields=["featured"])
        record(by, "publication.model.feature", locked, featured=featured)
        cache.changed()
    return locked
