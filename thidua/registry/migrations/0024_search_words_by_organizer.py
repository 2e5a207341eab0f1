"""The search's word index keyed by word, organizer, year and award (registry.search: a board reads its own
organizer's stretch of a word's entries), in place of the one that carried the organizer as an included
column; and every award entered under the key EVERY ("="), so a board's search with no words is read off the
same index. The entries are written before the index is built: one pass over the rows, not one index insert
per row."""

from django.db import migrations, models


def enter_every_award(apps, schema_editor):
    # One statement at the database's speed: a nation's registry holds millions of awards. An award that
    # already has its entry (written by migration 0020's fill with today's word_rows) is skipped.
    schema_editor.execute(
        """
        INSERT INTO registry_awardeeword (awardee_id, word, year, words, organizer_id)
        SELECT registry_awardee.id, '=', registry_awardee.year, '', registry_decision.organizer_id
        FROM registry_awardee
        JOIN registry_decision ON registry_decision.id = registry_awardee.decision_id
        WHERE NOT EXISTS (
            SELECT 1 FROM registry_awardeeword
            WHERE registry_awardeeword.awardee_id = registry_awardee.id AND registry_awardeeword.word = '='
        )
        """
    )


def forget_every_award(apps, schema_editor):
    schema_editor.execute("DELETE FROM registry_awardeeword WHERE word = '='")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_unit_dissolved_on"),
        ("registry", "0023_search_words_unchecked_keys"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="awardeeword",
            name="registry_word_postings_org",
        ),
        migrations.RunPython(enter_every_award, forget_every_award),
        migrations.AddIndex(
            model_name="awardeeword",
            index=models.Index(
                fields=["word", "organizer", "year", "awardee"],
                include=("words",),
                name="registry_word_org_postings",
            ),
        ),
    ]
