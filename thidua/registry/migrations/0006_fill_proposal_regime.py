"""Each proposal on record gets its regime: fixed by the day its dossier was sent, if it was, else
provisional by the year of the achievement (thidua.awards.regimes.regime_for_dossier)."""

from django.db import migrations

from thidua.awards.regimes import regime_for_dossier


def fill(apps, schema_editor):
    AwardProposal = apps.get_model("registry", "AwardProposal")
    for proposal in AwardProposal.objects.all().only("pk", "year", "submitted_on"):
        regime = regime_for_dossier(proposal.year, proposal.submitted_on).code
        AwardProposal.objects.filter(pk=proposal.pk).update(received_on=proposal.submitted_on, regime=regime)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0005_proposal_regime"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
