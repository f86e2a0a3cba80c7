"""Demo data from the second seed: the "Manifeste du numérique responsable dans les
tiers-lieux" of the workshop series at La Verrière, open to amendments. The ideas of
workshops 1 and 2, supported with dots (one set aside as off-topic), and six sections drafted
from them, each citing the ideas it came from."""

from entraide.manifestos.models import (
    Contributor,
    Idea,
    Manifesto,
    Phase,
    Question,
    Section,
    Support,
)
from entraide.workshops.models import Series, Workshop

SLUG = "manifeste-du-numerique-responsable-dans-les-tiers-lieux"
PEOPLE = [
    "Amina", "Bastien", "Chloé", "Daniel", "Élise", "Farid",
    "Gaëlle", "Hugo", "Irène", "Jules", "Karima", "Louis",
]  # fmt: skip

INTRODUCTION = (
    "Le manifeste sera l’outil qui permettra un alignement des connaissances et des "
    "stratégies des tiers-lieux sur le numérique responsable. Il s’écrit en trois ateliers "
    "d’1h30 : les idées des deux premiers, puis une **V0** rédigée ensemble."
)

# (workshop slug, question, [(author, idea, dots, group)])
QUESTIONS = [
    (
        "manifeste-atelier-1",
        "Le numérique est politique : c’est quoi un numérique responsable ?",
        [
            (
                "Amina",
                "Un numérique qui ne dépend plus de quelques grandes entreprises "
                "étrangères dont les valeurs sont aux antipodes des nôtres.",
                6,
                "Des outils à nous",
            ),
            (
                "Bastien",
                "Des outils libres, que l’on peut comprendre, réparer et héberger ensemble.",
                5,
                "Des outils à nous",
            ),
            (
                "Chloé",
                "La sobriété : garder nos appareils plus longtemps, stocker et envoyer moins.",
                4,
                "",
            ),
            ("Daniel", "Un numérique qui respecte notre attention et notre santé mentale.", 2, ""),
        ],
    ),
    (
        "manifeste-atelier-2",
        "Comment le numérique responsable vient renforcer le projet politique des tiers-lieux ?",
        [
            (
                "Élise",
                "Les tiers-lieux sont nés avec la médiation numérique : réactivons "
                "cette flamme et refaisons les ponts.",
                6,
                "",
            ),
            (
                "Farid",
                "Faire de nos lieux des terrains d’expérimentation d’un autre monde "
                "numérique, plus souhaitable.",
                5,
                "",
            ),
            (
                "Gaëlle",
                "Mettre en récit ce que nous vivons, pour donner envie d’une transition massive.",
                3,
                "",
            ),
            (
                "Hugo",
                "Nous relier aux hubs régionaux de la médiation numérique, comme "
                "Hinaura en Rhône-Alpes.",
                2,
                "",
            ),
        ],
    ),
]
SET_ASIDE = (
    "Louis",
    "Achetez nos formations en ligne, -50 % ce mois-ci !",
    "Publicité, hors sujet.",
)

# (title, body, [(question index, idea index)] cited)
SECTIONS = [
    (
        "Le numérique est politique",
        "Le numérique n’est pas un simple outil : il façonne la société, la politique, la "
        "santé mentale et l’information. Il est urgent que les tiers-lieux s’emparent de cet "
        "enjeu collectivement pour proposer une vision et un récit souhaitables du futur "
        "numérique.",
        [(0, 3)],
    ),
    (
        "Nos données et nos outils entre les mains de quelques-uns",
        "Le monde numérique est trop largement laissé aux mains de quelques grandes "
        "entreprises. Nos données et nos outils sont détenus en grande partie par des entités "
        "privées étrangères dont les valeurs sont aux antipodes de celles des tiers-lieux.\n\n"
        "Nous choisissons des **outils libres**, que nous pouvons comprendre, réparer et "
        "héberger ensemble.",
        [(0, 0), (0, 1)],
    ),
    (
        "Une dimension individuelle et une dimension collective",
        "Comme dans la démarche écologique, le numérique responsable a une dimension "
        "individuelle (nos usages, la durée de vie de nos appareils) et une dimension "
        "collective (nos choix d’outils, nos règles communes). Les tiers-lieux sont des "
        "espaces où ces deux dimensions se rencontrent.",
        [(0, 2)],
    ),
    (
        "Les tiers-lieux, catalyseurs et conteurs d’un autre numérique",
        "Les tiers-lieux ont l’opportunité d’être catalyseurs de l’expérimentation et de la "
        "mise en récit d’un autre monde numérique, plus souhaitable, pour permettre une "
        "transition massive de la société.",
        [(1, 1), (1, 2)],
    ),
    (
        "La médiation numérique et les hubs régionaux",
        "Les tiers-lieux « à la française » sont nés dans, par et avec la médiation "
        "numérique. Ce numérique solidaire, éthique et responsable existe déjà : il faut "
        "réactiver la flamme et refaire les ponts.\n\n"
        "Chaque région a des hubs pour s’y connecter, comme "
        "[Hinaura](https://www.hinaura.fr/) en Rhône-Alpes.",
        [(1, 0), (1, 3)],
    ),
    (
        "Le prochain pas",
        "Ce manifeste V0 sera relu, amendé puis signé par les tiers-lieux qui s’y "
        "reconnaissent. Quel est votre prochain pas ?",
        [],
    ),
]


def _supporters(manifesto):
    return [Contributor.objects.create(manifesto=manifesto, name=name) for name in PEOPLE]


def load():
    series = Series.objects.get(slug="vers-un-manifeste-du-numerique-responsable")
    manifesto, created = Manifesto.objects.get_or_create(
        slug=SLUG,
        defaults={
            "place": series.place,
            "series": series,
            "title": "Manifeste du numérique responsable dans les tiers-lieux",
            "description": INTRODUCTION,
            "phase": Phase.AMENDMENTS_OPEN,
        },
    )
    if created:
        people = _supporters(manifesto)
        by_name = {c.name: c for c in people}
        ideas = []
        for position, (workshop_slug, text, posted) in enumerate(QUESTIONS, 1):
            question = Question.objects.create(
                manifesto=manifesto,
                position=position,
                text=text,
                workshop=Workshop.objects.filter(slug=workshop_slug).first(),
            )
            row = []
            for author, idea_text, dots, group in posted:
                idea = Idea.objects.create(
                    question=question, contributor=by_name[author], author_name=author,
                    text=idea_text, group=group,
                )  # fmt: skip
                Support.objects.bulk_create(
                    Support(idea=idea, contributor=c) for c in people[:dots]
                )
                row.append(idea)
            ideas.append(row)
        author, text, reason = SET_ASIDE
        Idea.objects.create(
            question=ideas[0][0].question, contributor=by_name[author], author_name=author,
            text=text, hidden=True, hide_reason=reason,
        )  # fmt: skip
        for position, (title, body, cited) in enumerate(SECTIONS, 1):
            section = Section.objects.create(
                manifesto=manifesto, position=position, title=title, body=body
            )
            section.cited_ideas.set(ideas[q][i] for q, i in cited)
    return [f"Manifestos: {Manifesto.objects.count()} (/manifestes/)"]
