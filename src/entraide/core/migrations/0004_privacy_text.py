"""The first privacy text promised data that did not exist yet ("plus tard, vos inscriptions")
and left out what the site now keeps: a page nobody has edited gets the current text."""

from django.db import migrations

FIRST_PRIVACY_TEXT = "Entraide est un logiciel libre, hébergé par l'organisation qui l'installe.\n\n## Ce que nous enregistrons\n\n- **Votre compte**, si vous en créez un : adresse électronique, nom affiché, langue, mot de passe\n  chiffré, date d'inscription et de dernière connexion.\n- **Ce que vous faites sur le site** : les lieux que vous animez et les invitations que vous\n  envoyez ; plus tard, vos inscriptions, réponses et contributions.\n- **Aucun traceur** : pas de mesure d'audience, pas de police de caractères ni de script venant\n  d'ailleurs. Un seul cookie de session quand vous êtes connecté·e, et un cookie de langue si vous\n  en choisissez une.\n\n## Vos droits\n\nDepuis « Mon compte », puis « Mes données », vous voyez tout ce que le site garde sur vous, vous\nle téléchargez, et vous supprimez votre compte. Ce que vous avez coécrit reste, signé « ancien\nmembre ».\n\n*Administrateur ou administratrice du site : complétez cette page dans l'administration (nom du\nresponsable du traitement, contact, durée de conservation).*\n"


def update_unedited_privacy_page(apps, schema_editor):
    from entraide.core.legal_defaults import PRIVACY

    LegalPage = apps.get_model("core", "LegalPage")
    LegalPage.objects.filter(kind="confidentialite", body=FIRST_PRIVACY_TEXT).update(
        body=PRIVACY, body_html=""
    )
    for page in LegalPage.objects.filter(kind="confidentialite", body_html=""):
        from entraide.core.markdown import render_markdown

        page.body_html = render_markdown(page.body)
        page.save(update_fields=["body_html"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_outbox")]
    operations = [migrations.RunPython(update_unedited_privacy_page, migrations.RunPython.noop)]
