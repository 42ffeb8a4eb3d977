"""Separation of duties (issue 18): the jurisdiction's preparer/approver setting, the four-eyes override
log, and the audit log made append-only at the database (triggers refusing UPDATE and DELETE, per vendor:
the SQL is in ``registry.base.audit``, which also re-installs it after every ``migrate``)."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _install(apps: Any, schema_editor: Any) -> None:
    from localaction.registry.base.audit import install_triggers

    install_triggers(schema_editor.connection)


def _drop(apps: Any, schema_editor: Any) -> None:
    from localaction.registry.base.audit import drop_triggers

    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("registry", "0006_inventory_guidelines_boundary_type"),
    ]

    operations = [
        migrations.AddField(
            model_name="jurisdiction",
            name="separate_preparer_approver",
            field=models.BooleanField(
                blank=True,
                default=None,
                help_text="On: the approver who submits a version may not be the person who started it. Empty: on when the jurisdiction has two or more members.",
                null=True,
                verbose_name="separate preparer and approver",
            ),
        ),
        migrations.CreateModel(
            name="FourEyesOverride",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, verbose_name="at")),
                ("action", models.CharField(max_length=40, verbose_name="action")),
                ("rules", models.JSONField(default=list, verbose_name="rules overridden")),
                ("reason", models.TextField(verbose_name="reason")),
                ("object_id", models.CharField(max_length=40)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "jurisdiction",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.jurisdiction",
                    ),
                ),
            ],
            options={
                "verbose_name": "four-eyes override",
                "verbose_name_plural": "four-eyes overrides",
                "ordering": ["at", "id"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="registry_override_object")],
            },
        ),
        migrations.RunPython(_install, _drop, elidable=False),
    ]
