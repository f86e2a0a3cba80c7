"""Demo data from the second seed: the "Manifeste du numérique responsable dans les
tiers-lieux" of the workshop series at La Verrière. The ideas of workshops 1 and 2, supported
with dots (one set aside as off-topic); six sections drafted from them, each citing the ideas
it came from; V0 published and signed by a few people and places of the directory; amendments
open again to prepare V1: one accepted (so V1 is in progress), three open with votes and
comments (one comment hidden by the organisers, with its reason)."""

from datetime import timedelta

from django.utils import timezone

from entraide.accounts.models import User
from entraide.core.tokens import new_keyed_link
from entraide.manifestos.models import (
    AMENDMENT_LINK_PURPOSE,
    SIGNATURE_LINK_PURPOSE,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Comment,
    Contributor,
    Idea,
    Manifesto,
    Phase,
    Question,
    Section,
    Signature,
    Support,
    Version,
    VersionSection,
    Vote,
)
from entraide.places.models import Place
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


ADDED_TO_SECTION_3 = (
    "\n\nLe numérique responsable s’apprend ensemble : entre pairs, en atelier, en "
    "partageant nos réussites comme nos échecs."
)

# (author email or (name, email) without an account, kind, section number, title, body
# added, rationale, votes for / against / abstain)
OPEN_AMENDMENTS = [
    (
        "ines@entraide.example",
        AmendmentKind.REPLACE,
        2,
        None,
        "\n\nNous nous tournons vers des hébergeurs associatifs et locaux, comme ceux du "
        "collectif CHATONS, plutôt que vers les géants du secteur.",
        "Dire où aller, pas seulement ce que l’on quitte : les lieux demandent des noms.",
        (5, 1, 1),
    ),
    (
        ("Farid", "farid@example.org"),
        AmendmentKind.ADD,
        5,
        "Se former et former",
        "Chaque tiers-lieu peut devenir un lieu où l’on se forme au numérique responsable, "
        "et d’où l’on forme à son tour : animateur·rices, bénévoles, habitant·es.",
        "La formation manque au texte, alors qu’elle revient dans toutes les idées.",
        (3, 2, 0),
    ),
    (
        "malik@entraide.example",
        AmendmentKind.DELETE,
        6,
        None,
        "",
        "Cette section appelle à l’action sans rien dire de plus que l’introduction.",
        (1, 4, 1),
    ),
]

# (name, organisation, place slug, comment)
SIGNATORIES = [
    ("Camille", "", "la-verriere", "Nous l’avons écrit ensemble, nous le portons."),
    ("Malik", "", "maison-pour-tous-voltaire", ""),
    ("Sophie", "", "le-hangar-partage", "Rendez-vous à l’atelier de réparation !"),
    ("Amina", "", None, ""),
    ("Bastien", "Association Numérique en commun", None, "Enfin un texte qui nous ressemble."),
    ("Inès", "Université Paul-Valéry", None, ""),
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
        _v0_and_amendments(manifesto, people)
    return [f"Manifestos: {Manifesto.objects.count()} (/manifestes/)"]


def _user(email):
    return User.objects.filter(email=email).first()


def _v0_and_amendments(manifesto, people):
    now = timezone.now()
    camille = _user("camille@entraide.example")
    sections = list(manifesto.sections.order_by("position"))
    v0 = Version.objects.create(
        manifesto=manifesto,
        number=0,
        note="La V0 rédigée au troisième atelier, à partir des idées des deux premiers.",
        published_at=now - timedelta(days=12),
        published_by=camille,
    )
    VersionSection.objects.bulk_create(
        VersionSection(
            version=v0,
            key=s.pk,
            position=s.position,
            title=s.title,
            body=s.body,
            body_html=s.body_html,
        )
        for s in sections
    )
    _signatures(v0, now)
    _accepted_amendment(manifesto, sections[2], camille, now)
    for n, amendment in enumerate(OPEN_AMENDMENTS):
        _open_amendment(manifesto, sections, people, amendment, now - timedelta(days=5 - n))
    _comments(manifesto, sections, people)


def _accepted_amendment(manifesto, section, camille, now):
    lea = _user("lea@entraide.example")
    body = section.body + ADDED_TO_SECTION_3
    Amendment.objects.create(
        manifesto=manifesto, kind=AmendmentKind.REPLACE, section=section, title=section.title,
        body=body, base_title=section.title, base_body=section.body,
        rationale="Le manifeste parle d’apprendre ensemble : disons-le dans cette section.",
        author=lea, author_name="Léa", confirmed_at=now - timedelta(days=8),
        status=AmendmentStatus.ACCEPTED, decided_at=now - timedelta(days=3),
        decided_by=camille, decision_reason="Adopté à l’unanimité en atelier.",
        applied_key=section.pk,
    )  # fmt: skip
    section.body = body
    section.save()  # the live text changes: V1 is in progress


def _open_amendment(manifesto, sections, people, amendment, when):
    author, kind, number, title, added, rationale, (pour, contre, abstention) = amendment
    section = sections[number - 1]
    if isinstance(author, tuple):  # without an account, her address confirmed
        key, digest = new_keyed_link(AMENDMENT_LINK_PURPOSE)
        fields = {"author_name": author[0], "email": author[1], "link_key": key}
        fields["token_digest"] = digest
    else:
        user = _user(author)
        fields = {"author": user, "author_name": user.public_name}
    if kind == AmendmentKind.REPLACE:
        fields.update(title=section.title, body=section.body + added)
        fields.update(base_title=section.title, base_body=section.body)
    elif kind == AmendmentKind.ADD:
        fields.update(title=title, body=added)
    else:
        fields.update(base_title=section.title, base_body=section.body)
    proposed = Amendment.objects.create(
        manifesto=manifesto, kind=kind, section=section, rationale=rationale,
        confirmed_at=when, **fields,
    )  # fmt: skip
    choices = ["pour"] * pour + ["contre"] * contre + ["abstention"] * abstention
    Vote.objects.bulk_create(
        Vote(amendment=proposed, contributor=person, choice=choice)
        for person, choice in zip(people, choices, strict=False)
    )


def _comments(manifesto, sections, people):
    by_name = {c.name: c for c in people}
    ines_amendment = manifesto.amendments.get(kind=AmendmentKind.REPLACE, author_name="Inès")
    first = Comment.objects.create(
        manifesto=manifesto, amendment=ines_amendment, contributor=by_name["Chloé"],
        author_name="Chloé", body="D’accord, et ajoutons les hébergeurs de notre région.",
    )  # fmt: skip
    Comment.objects.create(
        manifesto=manifesto, amendment=ines_amendment, parent=first,
        contributor=by_name["Daniel"], author_name="Daniel",
        body="La liste des CHATONS permet de chercher par région, justement.",
    )  # fmt: skip
    Comment.objects.create(
        manifesto=manifesto, section=sections[0], contributor=by_name["Gaëlle"],
        author_name="Gaëlle", body="Cette première section donne le ton : gardons-la courte.",
    )  # fmt: skip
    Comment.objects.create(
        manifesto=manifesto, section=sections[0], contributor=by_name["Louis"],
        author_name="Louis", body="Formations en ligne à -50 %, cliquez ici !", hidden=True,
        hide_reason="Publicité, hors sujet.",
    )  # fmt: skip


def _signatures(version, now):
    places = {p.slug: p for p in Place.objects.filter(slug__in=[s[2] for s in SIGNATORIES])}
    for n, (name, organisation, place_slug, comment) in enumerate(SIGNATORIES):
        key, digest = new_keyed_link(SIGNATURE_LINK_PURPOSE)
        Signature.objects.create(
            version=version, name=name, organisation=organisation,
            place=places.get(place_slug), comment=comment,
            email=f"{name.lower().replace('è', 'e')}.signature@example.org",
            link_key=key, token_digest=digest, confirmed_at=now - timedelta(days=10 - n),
        )  # fmt: skip
