"""A council sitting's ballot codes and code issues get tables of their own (meeting_councilcode,
meeting_councilcodeissue), so the meeting's code tables refer to meetings only: the council moves to the
board's home (thidua.registry) and the year's home must not point at it. Rows move as they are."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def move_council_rows(apps, schema_editor):
    BallotCode = apps.get_model("meeting", "BallotCode")
    CodeIssue = apps.get_model("meeting", "CodeIssue")
    CouncilCode = apps.get_model("meeting", "CouncilCode")
    CouncilCodeIssue = apps.get_model("meeting", "CouncilCodeIssue")
    codes = BallotCode.objects.filter(council__isnull=False)
    CouncilCode.objects.bulk_create(
        CouncilCode(
            id=c.id,
            digest=c.digest,
            expires_at=c.expires_at,
            used=c.used,
            council_id=c.council_id,
            member_id=c.member_id,
        )
        for c in codes
    )
    issues = CodeIssue.objects.filter(council__isnull=False)
    CouncilCodeIssue.objects.bulk_create(
        CouncilCodeIssue(council_id=i.council_id, member_id=i.member_id) for i in issues
    )
    codes.delete()
    issues.delete()


def move_back(apps, schema_editor):
    BallotCode = apps.get_model("meeting", "BallotCode")
    CodeIssue = apps.get_model("meeting", "CodeIssue")
    CouncilCode = apps.get_model("meeting", "CouncilCode")
    CouncilCodeIssue = apps.get_model("meeting", "CouncilCodeIssue")
    BallotCode.objects.bulk_create(
        BallotCode(
            id=c.id,
            digest=c.digest,
            expires_at=c.expires_at,
            used=c.used,
            council_id=c.council_id,
            member_id=c.member_id,
        )
        for c in CouncilCode.objects.all()
    )
    CodeIssue.objects.bulk_create(
        CodeIssue(council_id=i.council_id, member_id=i.member_id) for i in CouncilCodeIssue.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meeting", "0004_council_outcome"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CouncilCodeIssue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("council", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="issues", to="meeting.council")),
                ("member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="meeting.councilmember", verbose_name="thành viên")),
            ],
            options={
                "verbose_name": "thành viên đã nhận mã phiếu",
                "verbose_name_plural": "thành viên đã nhận mã phiếu",
                "constraints": [models.UniqueConstraint(fields=("council", "member"), name="one_council_code_per_member")],
            },
        ),
        migrations.CreateModel(
            name="CouncilCode",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="mã băm")),
                ("expires_at", models.DateTimeField(verbose_name="hết hạn")),
                ("used", models.BooleanField(default=False, verbose_name="đã dùng")),
                ("council", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="codes", to="meeting.council")),
                ("member", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="meeting.councilmember")),
            ],
            options={
                "verbose_name": "mã phiếu của Hội đồng",
                "verbose_name_plural": "mã phiếu của Hội đồng",
                "ordering": ["id"],
                "abstract": False,
            },
        ),
        migrations.RunPython(move_council_rows, move_back),
        migrations.RemoveConstraint(model_name="ballotcode", name="ballot_code_has_one_owner"),
        migrations.RemoveConstraint(model_name="codeissue", name="one_code_issue_per_member"),
        migrations.RemoveConstraint(model_name="codeissue", name="code_issue_has_one_owner"),
        migrations.RemoveField(model_name="ballotcode", name="council"),
        migrations.RemoveField(model_name="ballotcode", name="member"),
        migrations.RemoveField(model_name="codeissue", name="council"),
        migrations.RemoveField(model_name="codeissue", name="member"),
        migrations.AlterField(
            model_name="ballotcode",
            name="meeting",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="codes", to="meeting.meeting"),
        ),
        migrations.AlterField(
            model_name="codeissue",
            name="meeting",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="issues", to="meeting.meeting"),
        ),
        migrations.AlterField(
            model_name="codeissue",
            name="unit",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.unit", verbose_name="đơn vị"),
        ),
    ]
