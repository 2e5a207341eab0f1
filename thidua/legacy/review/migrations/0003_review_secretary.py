from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0002_ballot_receipt'),
    ]

    operations = [
        migrations.AddField(
            model_name='review',
            name='secretary',
            field=models.CharField(blank=True, max_length=255, verbose_name='thư ký'),
        ),
    ]
