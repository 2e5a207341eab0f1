"""Every award on record gets its verification code (registry.verification): added empty, drawn for each
existing award, then made unique. New awards get theirs from the action that records them (put_on_record)."""

from django.db import migrations, models

from thidua.registry.verification import new_code


def draw(apps, schema_editor):
    Awardee = apps.get_model("registry", "Awardee")
    used = set()
    for pk in list(Awardee.objects.filter(code="").values_list("pk", flat=True)):
        code = new_code()
        while code in used:
            code = new_code()
        used.add(code)
        Awardee.objects.filter(pk=pk).update(code=code)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0010_names_through_the_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardee",
            name="code",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="verification code"),
            preserve_default=False,
        ),
        migrations.RunPython(draw, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="awardee",
            name="code",
            field=models.CharField(editable=False, max_length=10, unique=True, verbose_name="verification code"),
        ),
    ]
