"""Results still marked shared in a couple that has ended (or with no couple) turn private.

Unpairing used to leave them marked shared, so the author's pages still said "shared".
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.models import Q


def unshare(apps: Apps, schema_editor: object) -> None:
    AssessmentResult = apps.get_model("assessments", "AssessmentResult")
    stale = Q(couple__isnull=True) | Q(couple__ended_at__isnull=False)
    AssessmentResult.objects.filter(stale, shared=True).update(shared=False, couple=None)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_safeweb_private_answers"), ("couples", "0001_initial")]

    operations = [migrations.RunPython(unshare, migrations.RunPython.noop)]
