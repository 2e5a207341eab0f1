from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0006_fill_proposal_regime"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardproposal",
            name="override_reason",
            field=models.TextField(blank=True, verbose_name="lý do vượt qua kết quả xét điều kiện"),
        ),
        migrations.AddField(
            model_name="awardproposal",
            name="override_standing",
            field=models.CharField(blank=True, max_length=30, verbose_name="kết quả được vượt qua"),
        ),
        migrations.AddField(
            model_name="awardproposal",
            name="override_regime",
            field=models.CharField(blank=True, max_length=64, verbose_name="chế độ pháp lý khi vượt qua"),
        ),
        migrations.AddField(
            model_name="awardproposal",
            name="override_by",
            field=models.CharField(blank=True, max_length=255, verbose_name="người ghi lý do vượt qua"),
        ),
        migrations.AddField(
            model_name="awardproposal",
            name="override_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="thời điểm ghi lý do vượt qua"),
        ),
    ]
