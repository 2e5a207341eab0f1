"""Every decision gets its own verification code (registry.verification), as each award got its own in 0011:
added empty, drawn for each existing decision (never one an award holds), then made unique. New decisions
get theirs from the action that issues them (open_decision)."""

from django.db import migrations, models

from thidua.registry.verification import new_code


def draw(apps, schema_editor):
    Awardee = apps.get_model("registry", "Awardee")
    Decision = apps.get_model("registry", "Decision")
    used = set(Awardee.objects.values_list("code", flat=True))
    for pk in list(Decision.objects.filter(code="").values_list("pk", flat=True)):
        code = new_code()
        while code in used:
            code = new_code()
        used.add(code)
        Decision.objects.filter(pk=pk).update(code=code)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0018_dossier_scan"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="code",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="verification code"),
            preserve_default=False,
        ),
        migrations.RunPython(draw, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decision",
            name="code",
            field=models.CharField(editable=False, max_length=10, unique=True, verbose_name="verification code"),
        ),
    ]
