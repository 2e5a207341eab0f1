"""The models that moved into the year's home keep their content types and audit rows' object type."""

from django.db import migrations

from thidua.core.relabel import relabel_models

MOVED = {
    "review": ["review", "nextdeputy", "ballot", "proposal", "standing", "notproposed"],
    "meeting": ["meeting", "codeissue", "ballotcode"],
    "scoring": ["scoresheet", "criterion", "unitscore", "itemscore", "evidence"],
    "pact": ["launch", "registration", "signing"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0002_year_home_takes_review_meeting_scoring_pact"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, _: relabel_models(apps, MOVED, "emulation"),
            lambda apps, _: relabel_models(apps, MOVED, "emulation", back=True),
        )
    ]
