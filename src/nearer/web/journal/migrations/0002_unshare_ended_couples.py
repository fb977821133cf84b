"""Entries still marked shared in a couple that has ended (or with no couple) turn private.

Unpairing used to leave them marked shared, so the author's pages said "shared" and editing
one after pairing again could share it with the new couple.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.models import Q


def unshare(apps: Apps, schema_editor: object) -> None:
    JournalEntry = apps.get_model("journal", "JournalEntry")
    stale = Q(couple__isnull=True) | Q(couple__ended_at__isnull=False)
    JournalEntry.objects.filter(stale, shared=True).update(shared=False, couple=None)


class Migration(migrations.Migration):
    dependencies = [("journal", "0001_initial"), ("couples", "0001_initial")]

    operations = [migrations.RunPython(unshare, migrations.RunPython.noop)]
