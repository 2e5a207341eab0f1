import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_unit_parent'),
        ('review', '0004_review_reported'),
    ]

    operations = [
        migrations.CreateModel(
            name='Standing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='thứ tự')),
                ('place', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='thứ hạng')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='điểm đã khóa')),
                ('rating', models.CharField(blank=True, max_length=20, verbose_name='xếp loại')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='standings', to='review.review')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.unit', verbose_name='đơn vị')),
            ],
            options={
                'verbose_name': 'thứ hạng đã chốt',
                'verbose_name_plural': 'thứ hạng đã chốt',
                'ordering': ['review', 'position'],
                'constraints': [models.UniqueConstraint(fields=('review', 'unit'), name='one_standing_per_unit')],
            },
        ),
    ]
