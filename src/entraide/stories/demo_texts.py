"""The texts of the demo's stories: fictional portraits in the spirit of the seed's examples (a
founder of a meditation app who left a big company, an energy-autonomy project run by women,
a repair café volunteer), written by students of the course "Entraide et action collective"."""

COLLECTION_DESCRIPTION = (
    "Dans le cadre du cours *Entraide et action collective — Pour un numérique responsable*, "
    "des étudiantes et étudiants en binôme rencontrent des personnes engagées dans la "
    "transition sociale et écologique et en tirent un portrait, un article ou un podcast.\n\n"
    "Ces récits sont publiés avec l’accord des personnes interviewées, qui peuvent le retirer "
    "à tout moment. Ils seront réunis dans un recueil de récits sur la transition sociale et "
    "écologique."
)

REPAIR = {
    "title": "Réparer ensemble au café du quartier",
    "kind": "podcast",
    "summary": "Joséphine anime depuis six ans le café réparation du quartier Figuerolles : "
    "des grille-pain, des vélos et beaucoup de conversations.",
    "interviewee_name": "Joséphine Morel",
    "credit": "nom",
    "themes": ["Sobriété", "Évolution des modes de vie"],
    "body": """Le premier samedi du mois, la salle paroissiale de Figuerolles sent le café et
la soudure. Sur les tables, un grille-pain, deux lampes, une machine à coudre et un vélo
d’enfant attendent leur tour. Joséphine Morel, 58 ans, passe de table en table, un tournevis
dans la poche de son tablier.

## « Je ne répare pas à la place des gens »

« Ici, on ne dépose pas son appareil pour revenir le chercher, explique-t-elle. On s’assoit
avec un bénévole et on répare ensemble. » Ancienne technicienne chez un opérateur téléphonique,
elle a vu pendant vingt ans des appareils presque neufs partir à la benne faute d’une pièce à
deux euros. Le café réparation est né d’une colère, dit-elle, puis d’une envie : « rendre aux
gens la confiance dans leurs mains ».

## Ce que l’on répare vraiment

Sur les six dernières années, l’équipe a tenu un cahier : près de 2 000 objets examinés, un peu
plus de la moitié remis en marche. Mais Joséphine parle surtout des conversations. Le monsieur
qui venait chaque mois avec une radio différente, pour parler de sa femme disparue. Les
étudiantes qui ont appris à changer l’écran de leur téléphone et qui l’enseignent à leur tour.

« La sobriété, ce n’est pas se priver, c’est garder ce qu’on aime plus longtemps. Et
découvrir qu’on n’est pas seul à savoir faire. »

## Ses rêves

Quand on lui demande ses rêves, elle rit : une « bibliothèque d’outils » dans chaque quartier,
où l’on emprunterait une perceuse comme un livre. Le projet est déjà sur les rails avec la
Maison pour tous voisine.""",
}

MEDITATION = {
    "title": "Quitter la tour pour apprendre à respirer",
    "kind": "portrait",
    "summary": "Ingénieur dans un grand groupe, Antoine a tout quitté pour cofonder une "
    "application de méditation… qui invite à poser son téléphone.",
    "interviewee_name": "Antoine Reynaud",
    "credit": "prenom",
    "themes": ["Psychologie", "Santé"],
    "body": """Antoine nous reçoit dans un petit bureau partagé près de la gare, loin de la
tour de la Défense où il a passé dix ans. Ingénieur, il optimisait des chaînes logistiques.
« J’étais bon dans mon travail, et je dormais quatre heures par nuit. »

## Le déclic

Un matin, dans le métro, il s’aperçoit qu’il a consulté son téléphone 140 fois la veille. Il
commence à méditer dix minutes par jour, « avec une application, ironiquement ». Deux ans plus
tard, il démissionne et cofonde la sienne, avec une règle qui fait sourire les investisseurs :
aucune notification, aucune série de jours à tenir.

## Une application qui vous laisse partir

« Notre indicateur de réussite, c’est le moment où les gens n’ont plus besoin de nous. » Les
séances se terminent par une invitation à éteindre l’écran et à marcher. L’équipe refuse la
publicité et ne collecte que le strict nécessaire.

## Ce qu’il lit, ce qu’il écoute

Il cite *L’Économie de l’attention* et les chansons de Barbara. Son rêve : que les entreprises
offrent à leurs salariés « le droit à l’ennui » autant que le droit à la déconnexion.""",
}

ENERGY = {
    "title": "L’énergie qu’elles partagent",
    "kind": "article",
    "summary": "Un groupement de femmes installe et entretient des kits solaires dans des "
    "villages, et forme les suivantes.",
    "interviewee_name": "Aminata Sow",
    "credit": "pseudonyme",
    "pseudonym": "Awa",
    "themes": ["Sobriété", "Évolution des modes de vie"],
    "body": """Awa a fondé avec sept autres femmes un groupement qui installe des kits solaires
dans les villages de sa région. Chaque kit alimente quatre lampes et un chargeur de téléphone.

## Former celles qui suivent

Le groupement ne vend pas seulement de l’énergie : il forme. Chaque installatrice accompagne
deux apprenties pendant six mois. « Quand une femme sait réparer le kit, tout le village sait
à qui s’adresser. »

## Autonomie et résilience

Les revenus des recharges de téléphone financent l’entretien et une caisse commune. Awa parle
de résilience plutôt que de développement : « Nous n’attendons pas le réseau. Nous sommes le
réseau. »""",
    "comment": "Très beau sujet. Pouvez-vous préciser le nombre de villages équipés et ajouter "
    "une citation sur les débuts du groupement ? La fin mériterait aussi un paragraphe sur ses "
    "rêves, comme le propose le guide d’entretien.",
}

WITHDRAWN = {
    "title": "Des semences et des mains",
    "kind": "portrait",
    "summary": "Un maraîcher qui échange ses semences avec les jardins partagés.",
    "interviewee_name": "Paul Garnier",
    "credit": "nom",
    "themes": ["Biodiversité"],
    "body": """Paul cultive un hectare en bordure du Lez et échange ses semences avec les
jardins partagés de la ville.""",
}

ANTHOLOGY_TITLE = "Récits de la transition — promotion 2026"
ANTHOLOGY_INTRODUCTION = (
    "Ces portraits ont été écrits en binôme par des étudiantes et étudiants de l’Université "
    "Paul-Valéry, après un entretien avec des personnes engagées dans la transition sociale et "
    "écologique. Chacune et chacun a relu et accepté la publication de son récit.\n\n"
    "Ils racontent des gestes ordinaires — réparer, respirer, partager — qui changent nos "
    "façons de vivre avec le numérique et avec les autres."
)
