"""The first text of the privacy page and legal notice, which administrators then edit."""

PRIVACY = """Entraide est un logiciel libre, hébergé par l’organisation qui l’installe.

## Ce que nous enregistrons

- **Votre compte**, si vous en créez un : adresse électronique, nom affiché, langue, mot de passe
  chiffré, date d’inscription et de dernière connexion.
- **Vos inscriptions aux ateliers**, avec ou sans compte : nom, adresse électronique, besoins
  d’accessibilité que vous indiquez, statut et présence. Un an après l’atelier, le nom,
  l’adresse et les besoins sont effacés ; seuls restent les nombres.
- **Vos réponses aux sondages de disponibilité** : nom, adresse électronique si vous la donnez,
  vos choix et vos commentaires.
- **Les lieux que vous animez** et les invitations que vous envoyez.
- **Les courriels envoyés** : leur contenu (liens privés compris) est effacé dès qu’ils sont
  partis ; il n’en reste que la date, pendant sept jours.
- **Aucun traceur** : pas de mesure d’audience, pas de police de caractères ni de script venant
  d’ailleurs. Un seul cookie de session quand vous êtes connecté·e, et un cookie de langue si vous
  en choisissez une.

## Vos droits

Depuis « Mon compte », puis « Mes données », vous voyez tout ce que le site garde sur vous, vous
le téléchargez, et vous supprimez votre compte : vos inscriptions à venir sont alors annulées
(les places reviennent aux personnes sur liste d’attente), vos réponses aux sondages
effacées ; vos commentaires restent, signés du nom que vous aviez donné.

*Administrateur·rice du site : complétez cette page dans l’administration (nom du
responsable du traitement, contact, durée de conservation des sauvegardes).*
"""

LEGAL_NOTICE = """## Éditeur du site

*À compléter dans l’administration : nom de l’organisation, adresse, contact, directeur ou
directrice de la publication.*

## Hébergement

*À compléter : nom et adresse de l’hébergeur.*

## Logiciel

Ce site fonctionne avec Entraide, logiciel libre sous licence AGPL-3.0.
"""


DEFAULT_PAGES = [
    ("confidentialite", "Confidentialité et données personnelles", PRIVACY),
    ("mentions-legales", "Mentions légales", LEGAL_NOTICE),
]


def ensure_legal_pages(page_model):
    """Create the pages that do not exist yet; never overwrite an administrator's text."""
    from entraide.core.markdown import render_markdown

    for kind, title, body in DEFAULT_PAGES:
        page_model.objects.get_or_create(
            kind=kind,
            defaults={"title": title, "body": body, "body_html": render_markdown(body)},
        )
