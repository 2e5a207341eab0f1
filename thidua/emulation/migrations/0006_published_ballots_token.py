"""The published list of counted ballots answers at an unguessable address: each Meeting gets its own random
token (existing rows one each), then the column becomes unique."""

from django.db import migrations, models

import thidua.emulation.codes


def fill(apps, schema_editor):
    model = apps.get_model("emulation", "Meeting")
    for pk in model.objects.values_list("pk", flat=True):
        model.objects.filter(pk=pk).update(public_token=thidua.emulation.codes.new_page_token())


class Migration(migrations.Migration):
    dependencies = [("emulation", "0005_mid_year_review")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="public_token",
            field=models.CharField(max_length=32, null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="public_token",
            field=models.CharField(
                default=thidua.emulation.codes.new_page_token,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="address of the counted ballots",
            ),
        ),
    ]
