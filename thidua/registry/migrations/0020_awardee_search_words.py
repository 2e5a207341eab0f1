"""The registry search's word table (registry.search: each award's folded words and abbreviations), filled
for the awards already on record, a batch of ids at a time, at the database's speed (core/bulk.py)."""

import django.db.models.deletion
from django.db import migrations, models

from thidua.core import bulk
from thidua.registry.search import word_rows


def fill(apps, schema_editor):
    Awardee = apps.get_model("registry", "Awardee")
    AwardeeWord = apps.get_model("registry", "AwardeeWord")
    Decision = apps.get_model("registry", "Decision")
    award_names = dict(Decision.objects.values_list("pk", "award_name"))
    last = 0
    while True:
        found = list(
            Awardee.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "year", "name", "decision_id")[:20000]
        )
        if not found:
            return
        bulk.insert_values(AwardeeWord, word_rows(found, award_names))
        last = found[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0019_decision_verification_code'),
    ]

    operations = [
        migrations.CreateModel(
            name='AwardeeWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=64)),
                ('year', models.PositiveSmallIntegerField()),
                ('words', models.CharField(max_length=1000)),
                ('awardee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_words', to='registry.awardee')),
            ],
            options={
                'verbose_name': 'search word',
                'verbose_name_plural': 'search words',
                'indexes': [models.Index(fields=['word', 'year', 'awardee'], include=('words',), name='registry_word_postings')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
