from django.db import migrations
from django.db.models import F


def confirm_signed_in_amendments(apps, schema_editor):
    """Amendments made before visitors could propose were all by signed-in people: public."""
    Amendment = apps.get_model("manifestos", "Amendment")
    Amendment.objects.filter(confirmed_at__isnull=True, email="").update(
        confirmed_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("manifestos", "0003_discussion_versions_signatures")]
    operations = [migrations.RunPython(confirm_signed_in_amendments, migrations.RunPython.noop)]
