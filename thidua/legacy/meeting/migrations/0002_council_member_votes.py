# The council records each member's vote on a registry proposal (was: one count per review proposal).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meeting", "0001_meeting_codes_council"),
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="CouncilVote"),
        migrations.AddField(
            model_name="councilmember",
            name="position",
            field=models.CharField(blank=True, max_length=255, verbose_name="chức vụ"),
        ),
        migrations.AddConstraint(
            model_name="councilmember",
            constraint=models.UniqueConstraint(fields=("council", "name"), name="council_member_name_once"),
        ),
        migrations.CreateModel(
            name="CouncilVote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("agree", models.BooleanField(verbose_name="đồng ý")),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="votes",
                        to="meeting.councilmember",
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="council_votes",
                        to="registry.awardproposal",
                    ),
                ),
            ],
            options={
                "verbose_name": "phiếu của thành viên Hội đồng",
                "verbose_name_plural": "phiếu của thành viên Hội đồng",
                "constraints": [
                    models.UniqueConstraint(fields=("member", "proposal"), name="one_council_vote_per_member")
                ],
            },
        ),
    ]
