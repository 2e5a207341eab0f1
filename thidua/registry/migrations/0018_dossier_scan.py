"""The signed scans of a proposal's dossier (registry.actions.dossier), each attached to its checklist item."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import thidua.registry.models.awards


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0017_thematic_movements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DossierScan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "file",
                    models.FileField(
                        max_length=255, upload_to=thidua.registry.models.awards.scan_path, verbose_name="file"
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="original file name")),
                ("size", models.PositiveIntegerField(verbose_name="size (bytes)")),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded at")),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scans",
                        to="registry.dossieritem",
                        verbose_name="dossier document",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "signed scan",
                "verbose_name_plural": "signed scans",
                "ordering": ["item", "uploaded_at", "id"],
            },
        ),
    ]
