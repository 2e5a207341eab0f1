"""Reviews concluded before standings were frozen get theirs now, from the records as they stand (what
their pages showed until this migration). Historical models only; the count and the ranking come from the
pure functions of thidua.emulation.tally, which read plain data and no model."""

from fractions import Fraction

from django.db import migrations


def freeze(apps, schema_editor):
    from thidua.emulation import tally

    Review = apps.get_model("review", "Review")
    Standing = apps.get_model("review", "Standing")
    for review in Review.objects.filter(concluded_at__isnull=False, standings__isnull=True).select_related(
        "cluster_year__cluster"
    ):
        cluster_year = review.cluster_year
        tiers = sorted(cluster_year.cluster.award_tiers.all(), key=lambda t: (t.position, t.pk))
        quotas = cluster_year.quotas or {}
        rules = tally.Rules(
            tiers=tuple(tally.Tier(t.code, quotas.get(t.code)) for t in tiers),
            min_approval=Fraction(cluster_year.min_approval),
            tie_break=tuple(cluster_year.tie_break or ("score",)),
            exclusive=cluster_year.exclusive,
        )
        rows = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
        members = [tally.Member(m.unit.code, m.score, m.unit.female_share) for m in rows]
        reported = {m.unit.code: m.reported_place for m in rows if m.reported_place is not None}
        count = None
        if review.ballots_known:
            ballots = review.ballots.values_list("choices", flat=True)
            count = tally.count_ballots(ballots, [m.code for m in members], rules)
        decision = tally.decide(cluster_year.method, rules, members, reported, count, review.outcome)
        units = {u.code: u for u in cluster_year.cluster.units.all()}
        units.update({m.unit.code: m.unit for m in rows})
        places = dict(decision.places)
        by_code = {m.unit.code: m for m in rows}
        order = [code for code, _ in decision.places] + [m.unit.code for m in rows if m.unit.code not in places]
        Standing.objects.bulk_create(
            Standing(
                review=review,
                unit=units[code],
                position=i,
                place=places.get(code),
                score=by_code[code].score if code in by_code else None,
                rating=by_code[code].rating if code in by_code else "",
            )
            for i, code in enumerate(order)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('emulation', '0001_initial'),
        ('review', '0005_standing'),
    ]

    operations = [migrations.RunPython(freeze, migrations.RunPython.noop)]
