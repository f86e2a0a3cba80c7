"""The demo catalogue's wording: the course page of seed 000, "Entraide et action collective —
Pour un numérique responsable", its two projects, their examples, useful links and tags."""

CATALOGUE_TITLE = "Entraide et action collective"
CATALOGUE_SUMMARY = "Pour un numérique responsable"
CATALOGUE_DESCRIPTION = (
    "Les projets du cours « Entraide et action collective » de l’Université Paul-Valéry. "
    "Chaque projet se réalise **en binôme** : choisissez un projet, trouvez votre binôme ici "
    "(ou inscrivez-vous dans la liste « je cherche un binôme »), puis lancez votre récit ou "
    "votre atelier depuis la page de votre binôme."
)
STUDENTS = "Étudiants en Lettres, Langues, Arts ou Sciences Humaines et Sociales"

STORIES = {
    "title": "Publication de récits de la transition",
    "slug": "publication-de-recits-de-la-transition",
    "summary": (
        "Ce projet consiste à réaliser un ou plusieurs entretiens, en vue de réaliser un "
        "article, portrait ou podcast."
    ),
    "duration": "Un ou plusieurs entretiens ; un portrait d’une à quatre pages, un article "
    "ou un podcast",
    "description": (
        "Vous pouvez par exemple contacter des alumnis (anciens diplômés) engagés et investis "
        "dans des associations, des institutions, des entreprises sociales et solidaires, des "
        "projets de sciences participatives…\n\n"
        "Les récits feront l’objet d’un recueil de récits sur la transition sociale et "
        "écologique.\n\n"
        "Ce projet est l’occasion de développer votre réseau et soutenir des initiatives "
        "locales, solidaires et sociales. C’est aussi l’occasion de développer votre "
        "créativité, sensibiliser le public au Bien Vivre Ensemble à l’ère du numérique et "
        "s’interroger sur le pouvoir de la narration et des imaginaires, d’un point de vue "
        "littéraire et engagé, comme catalyseur de la transition.\n\n"
        "### Vers de nouveaux imaginaires\n\n"
        "En binôme, vous réaliserez un entretien en lien avec le Bien Vivre Ensemble. Prenez "
        "le temps de vous écouter et d’échanger dans un cadre bienveillant, sans jugement. "
        "Privilégiez les questions ouvertes et soyez attentifs aux silences.\n\n"
        "Avec l’accord de la personne interviewée, vous pouvez prendre des notes et réaliser "
        "un portrait, d’une à 4 pages, sur une thématique ou non (évolution des modes de vie, "
        "sobriété, santé, sport, psychologie, biodiversité…).\n\n"
        "Exemple de questions pour amorcer / relancer la discussion :\n\n"
        "- D’où viens-tu ? Quel est ton parcours ?\n"
        "- Peux-tu me parler de tes rêves ?\n"
        "- Comment envisages-tu l’engagement citoyen, l’action collective… ?\n"
        "- Quels livres, films, musiques aimes-tu ? Pourquoi ?\n"
    ),
    "tags": [
        "Récits de la transition",
        "Pouvoir des récits",
        "Imaginaires",
        "Innovations",
        "Entraide",
        "Empathie",
        "Société",
        "Environnement",
    ],
    "links": [
        (
            "exemple",
            "Petit Bambou, l’appli de méditation cofondée par un polytechnicien",
            "https://www.lajauneetlarouge.com/petit-bambou-lappli-de-meditation-cofondee-par-un-polytechnicien/",
            "Exemple de portrait, par Duc Dung Tran, Michel Deudon et Aurélien Gouhier.",
        ),
        (
            "exemple",
            "Pot@maï : énergie, autonomie et résilience pour les femmes africaines",
            "https://www.lajauneetlarouge.com/potamai-energie-autonomie-et-resilience-pour-les-femmes-africaines/",
            "Exemple de portrait, par Emilie Catel et Lise Dargentolle.",
        ),
        (
            "exemple",
            "Nouvelle Conscience",
            "https://podcast.ausha.co/nouvelle-conscience",
            "Exemple de podcast, par Manon Sala.",
        ),
        (
            "utile",
            "Portraits de diplômés | UPVM",
            "https://www.univ-montp3.fr/fr/pr%C3%A9sentation/portraits-de-dipl%C3%B4m%C3%A9s",
            "Des anciens diplômés à contacter pour un entretien.",
        ),
    ],
}

WORKSHOPS = {
    "title": "Co-animation d’ateliers participatifs et préventifs",
    "slug": "co-animation-d-ateliers-participatifs-et-preventifs",
    "summary": (
        "Ce projet de sciences participatives consiste à co-animer un ou plusieurs ateliers "
        "de prévention santé-écran sur le campus de l’université ou dans une Maison pour tous."
    ),
    "duration": "Trois ateliers d’1 h 30, pour 15 personnes au plus",
    "description": (
        "Vous pouvez enquêter auprès des étudiants sur le campus, le personnel de "
        "l’université, des personnes à l’extérieur. Vous pouvez partager les résultats de "
        "votre enquête sous diverses formes et être à l’initiative d’un défi solidaire de "
        "déconnexion.\n\n"
        "Ce projet est l’occasion de vous confronter au terrain, de développer vos compétences "
        "en animation et sensibiliser le public de votre choix au Bien Vivre Ensemble. C’est "
        "aussi l’occasion d’explorer des méthodes agiles et d’intelligence collective."
    ),
    "tags": [
        "Impacts du numérique",
        "Réseaux Sociaux",
        "Santé Mentale",
        "Santé Physique",
        "Addiction",
        "Économie de l’attention",
        "Sensibilisation",
        "Conseils Pratiques",
        "Débats",
        "Actions",
    ],
    "links": [
        (
            "exemple",
            "Témoignages sur les réseaux sociaux | Mai 2023",
            "https://www.mtpcours.fr/u/Temoignages-reseaux-sociaux-Montpellier-mai-2023.pdf",
            "Ce que des étudiants de Montpellier ont recueilli lors d’ateliers.",
        ),
        (
            "utile",
            "Le défi solidaire de déconnexion",
            "https://www.levelesyeux.com/les-actions/les-ateliers/le-defi-deconnexion/",
            "Pour être à l’initiative d’un défi de déconnexion après vos ateliers.",
        ),
    ],
}

NATHAN_NOTE = "Je voudrais interviewer quelqu’un d’une ressourcerie ; disponible le mardi."
