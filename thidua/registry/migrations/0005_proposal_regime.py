from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0004_decision_issuing_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardproposal",
            name="regime",
            field=models.CharField(default="", max_length=64, verbose_name="chế độ pháp lý áp dụng"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="awardproposal",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày nhận hồ sơ"),
        ),
    ]
