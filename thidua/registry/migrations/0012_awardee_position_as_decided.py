"""Each person's award keeps the job title the person held on the decision day, as the annex prints it and
the public verification page shows it; existing awards take it from the person's posting on that day."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Awardee = apps.get_model("registry", "Awardee")
    PersonPosting = apps.get_model("registry", "PersonPosting")
    rows = Awardee.objects.filter(person__isnull=False).select_related("decision")
    for awardee in list(rows.only("pk", "person_id", "decision__date")):
        day = awardee.decision.date
        posting = (
            PersonPosting.objects.filter(person_id=awardee.person_id, start__lte=day)
            .exclude(end__lt=day)
            .order_by("-start")
            .first()
        )
        if posting is not None and posting.position:
            Awardee.objects.filter(pk=awardee.pk).update(position=posting.position)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0011_awardee_verification_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardee",
            name="position",
            field=models.CharField(blank=True, max_length=255, verbose_name="job title on the decision"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
