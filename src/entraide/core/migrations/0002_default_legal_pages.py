from django.db import migrations

def create_pages(apps, schema_editor):
    from entraide.core.legal_defaults import ensure_legal_pages

    ensure_legal_pages(apps.get_model("core", "LegalPage"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
