from entraide.accounts.demo import demo_user
from entraide.places.models import Membership, Place, PlaceKind, Region

DEMO_PLACES = [
    {
        "slug": "universite-paul-valery",
        "name": "Université Paul-Valéry Montpellier 3",
        "kind": PlaceKind.UNIVERSITY,
        "region": Region.OCCITANIE,
        "city": "Montpellier",
        "street": "Route de Mende",
        "postcode": "34090",
        "contact_email": "numerique-responsable@entraide.example",
        "opening_hours": "Du lundi au vendredi, 8 h – 19 h (hors vacances universitaires)",
        "website": "https://www.univ-montp3.fr/",
        "summary": "Des étudiantes et étudiants en lettres, langues, arts et sciences humaines "
        "mènent des projets pour un numérique responsable.",
        "description": (
            "Dans le cadre du cours *Entraide et action collective*, les étudiantes et "
            "étudiants choisissent un projet :\n\n"
            "- **Publication de récits de la transition** : en binôme, réaliser un entretien "
            "et en tirer un portrait, un article ou un podcast ;\n"
            "- **Co-animation d’ateliers participatifs et préventifs** : des ateliers de "
            "prévention santé-écran sur le campus ou dans une Maison pour tous, une enquête, "
            "un défi solidaire de déconnexion.\n\n"
            "Public recommandé : étudiants en Lettres, Langues, Arts ou Sciences Humaines "
            "et Sociales."
        ),
        "accessibility": "Campus accessible de plain-pied, ascenseurs dans les bâtiments.",
        "organisers": ["ines@entraide.example"],
    },
    {
        "slug": "maison-pour-tous-voltaire",
        "name": "Maison pour tous Voltaire",
        "kind": PlaceKind.THIRD_PLACE,
        "region": Region.OCCITANIE,
        "city": "Montpellier",
        "street": "3 rue Voltaire",
        "postcode": "34000",
        "contact_email": "voltaire@entraide.example",
        "opening_hours": "Du mardi au samedi, 9 h – 12 h et 14 h – 19 h",
        "summary": "Une maison de quartier qui accueille des ateliers de prévention "
        "santé-écran ouverts à toutes et tous.",
        "description": "Ateliers, rencontres et permanences numériques pour les habitantes "
        "et habitants du quartier. Les étudiantes et étudiants de l’université y co-animent "
        "des ateliers « Lève les yeux ».",
        "accessibility": "Rez-de-chaussée accessible en fauteuil roulant, boucle magnétique.",
        "organisers": ["malik@entraide.example"],
    },
    {
        "slug": "hinaura",
        "name": "Hinaura",
        "kind": PlaceKind.REGIONAL_HUB,
        "region": Region.AUVERGNE_RHONE_ALPES,
        "city": "Lyon",
        "street": "12 rue de la Charité",
        "postcode": "69002",
        "contact_email": "hinaura@entraide.example",
        "opening_hours": "Sur rendez-vous, du lundi au vendredi",
        "website": "https://www.hinaura.fr/",
        "summary": "Le hub régional de la médiation numérique en Auvergne-Rhône-Alpes : "
        "il vous oriente vers les bons interlocuteurs près de chez vous.",
        "description": "« Chaque région a même des hubs pour t’y connecter. Nous en Rhône-Alpes "
        "c’est Hinaura. » Les acteurs de la médiation numérique sont présents sur tout le "
        "territoire : le hub aide à refaire les ponts entre tiers-lieux et médiation numérique.",
        "organisers": [],
    },
    {
        "slug": "la-verriere",
        "name": "La Verrière",
        "kind": PlaceKind.THIRD_PLACE,
        "region": Region.AUVERGNE_RHONE_ALPES,
        "city": "Grenoble",
        "street": "8 rue Très-Cloîtres",
        "postcode": "38000",
        "contact_email": "laverriere@entraide.example",
        "opening_hours": "Du mercredi au samedi, 10 h – 18 h",
        "summary": "Tiers-lieu qui lance la série d’ateliers vers un manifeste du numérique "
        "responsable dans les tiers-lieux.",
        "description": (
            "Nous commençons une série d’ateliers pour définir une vision commune des "
            "tiers-lieux sur le numérique responsable : **trois ateliers d’1h30** pour aboutir "
            "à la rédaction d’un manifeste.\n\n"
            "> Le numérique est politique : il est urgent que des tiers-lieux puissent "
            "s’emparer de cet enjeu collectivement."
        ),
        "accessibility": "Atelier en visio ; salle de plain-pied pour les rencontres sur place.",
        "organisers": ["camille@entraide.example"],
    },
    {
        "slug": "la-compagnie-des-tiers-lieux",
        "name": "La Compagnie des Tiers-Lieux",
        "kind": PlaceKind.REGIONAL_HUB,
        "region": Region.HAUTS_DE_FRANCE,
        "city": "Lille",
        "street": "25 rue Gosselet",
        "postcode": "59000",
        "contact_email": "compagnie@entraide.example",
        "opening_hours": "Du lundi au vendredi, 9 h 30 – 17 h 30",
        "summary": "Le réseau des tiers-lieux des Hauts-de-France.",
        "description": "Réseau régional qui relie, outille et représente les tiers-lieux.",
        "organisers": [],
    },
    {
        "slug": "la-cordee-numerique",
        "name": "La Cordée numérique",
        "kind": PlaceKind.THIRD_PLACE,
        "region": Region.BRETAGNE,
        "city": "Rennes",
        "street": "4 rue de la Cordée",
        "postcode": "35000",
        "contact_email": "cordee@entraide.example",
        "opening_hours": "Atelier de réparation le samedi, 14 h – 18 h",
        "summary": "Atelier de réparation et fabrique de logiciels libres de quartier.",
        "description": "Réparer plutôt que jeter, installer des logiciels libres, "
        "partager les savoirs.",
        "organisers": [],
    },
    {
        "slug": "lever-les-yeux",
        "name": "Lever les yeux",
        "kind": PlaceKind.ASSOCIATION,
        "region": Region.ILE_DE_FRANCE,
        "city": "Paris",
        "postcode": "75011",
        "contact_email": "leverlesyeux@entraide.example",
        "summary": "Association qui anime des défis de déconnexion et des ateliers "
        "sur l’économie de l’attention.",
        "description": "Des défis solidaires de déconnexion, des ateliers, des témoignages.",
        "organisers": [],
    },
    {
        "slug": "le-hangar-partage",
        "name": "Le Hangar partagé",
        "kind": PlaceKind.THIRD_PLACE,
        "region": Region.NOUVELLE_AQUITAINE,
        "city": "Bordeaux",
        "street": "17 quai des Chartrons",
        "postcode": "33000",
        "contact_email": "hangar@entraide.example",
        "opening_hours": "Café associatif du mardi au dimanche, 9 h – 19 h",
        "summary": "Espace de travail partagé, fablab et café associatif.",
        "description": "Un lieu où se croisent la dimension individuelle et la dimension "
        "collective du numérique responsable.",
        "organisers": [],
    },
]


CONTACT_FIELDS = ("street", "postcode", "contact_email", "opening_hours")


def load():
    for data in DEMO_PLACES:
        data = dict(data)
        organisers = data.pop("organisers")
        place, created = Place.objects.get_or_create(slug=data["slug"], defaults=data)
        if not created and not any(getattr(place, name) for name in CONTACT_FIELDS):
            # A demo loaded before places had contacts gets them; nothing else changes.
            for name in CONTACT_FIELDS:
                setattr(place, name, data.get(name, ""))
            place.save()
        for email in organisers:
            Membership.objects.get_or_create(place=place, user=demo_user(email))
    return [f"Demo places: {len(DEMO_PLACES)} (directory at /lieux/)"]
