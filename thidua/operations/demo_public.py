"""The demo's public side: the results of the past years that the board has published, and one exemplary
model of the year's thematic movement, published and featured, so a visitor's pages (/cong-khai/) have real
content. Run twice, the same rows."""

from __future__ import annotations

from thidua.core.audit import Actor
from thidua.emulation.models import ClusterYear
from thidua.emulation.seal import year_sealed
from thidua.operations import demo_names as names
from thidua.organisations.models import Organizer
from thidua.publication.actions import feature_model, propose_model, publish_model, publish_results
from thidua.publication.models import ExemplaryModel
from thidua.registry.models import Awardee, Movement


def public_side(organizer: Organizer, movement: Movement, current: int, *, by: Actor) -> None:
    concluded = ClusterYear.objects.filter(
        cluster__organizer=organizer, year__lt=current, review__concluded_at__isnull=False
    ).select_related("cluster")
    for cluster_year in concluded:
        if not year_sealed(cluster_year):
            publish_results(cluster_year, by=by)
    if ExemplaryModel.objects.filter(organizer=organizer, title=names.MODEL_TITLE).exists():
        return
    # A person already in the registry, so the model's page links their awards.
    awardee = (
        Awardee.objects.filter(decision__organizer=organizer, person__isnull=False, person_unit__isnull=False)
        .select_related("person", "person_unit")
        .order_by("-year", "pk")
        .first()
    )
    if awardee is None or awardee.person is None or awardee.person_unit is None:
        return
    model = propose_model(
        awardee.person_unit,
        movement=movement,
        year=current,
        person=awardee.person,
        unit=None,
        position=awardee.position,
        title=names.MODEL_TITLE,
        story=names.MODEL_STORY,
        by=by,
    )
    feature_model(publish_model(model, by=by), featured=True, by=by)
