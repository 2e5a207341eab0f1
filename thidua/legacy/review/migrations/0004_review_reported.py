from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0003_review_secretary'),
    ]

    operations = [
        migrations.AddField(
            model_name='review',
            name='reported',
            field=models.BooleanField(default=False, verbose_name='chốt theo hồ sơ báo cáo'),
        ),
    ]
