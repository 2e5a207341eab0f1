"""The council's models moved to the board's home keep their content types and audit rows' object type."""

from django.db import migrations

from thidua.core.relabel import relabel_models

MOVED = {"meeting": ["council", "councilmember", "councilvote", "councilballot", "counciloutcome", "councilcode", "councilcodeissue"]}


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_board_home_takes_council"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _: relabel_models(apps, MOVED, "registry"),
            lambda apps, _: relabel_models(apps, MOVED, "registry", back=True),
        )
    ]
