"""The browser walk: every page reachable by links from the home page, as a visitor, a
participant and an organiser, within our budgets (EcoIndex A: ≤ 30 KB, ≤ 4 requests,
≤ 390 DOM elements), with no axe-core violation, no request to another host, no console error,
no 4xx/5xx, and the main content there without JavaScript. New pages are covered by being
linked."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from entraide.accounts.models import User
from entraide.core import accessibility
from tests.browser.audit import measure, problems_of

# The walk renders each page through the live server; every page's queries are tested on both
# databases by the query-count and page tests, so script/test walks once, in the SQLite pass.
pytestmark = [pytest.mark.browser, pytest.mark.whole_site_walk]
MAX_PAGES = 250  # the organiser walks 207 pages (2026-11): sections, questions, their kinds…
NOT_PAGES = ("/admin/", "/static/", "/media/")
# feeds and downloads are not pages
FEEDS = (".ics", ".atom", ".csv", ".json", ".epub", ".md", ".pdf", ".xml", ".txt")
# a story's recording and photo, streamed files (their pages end with "/")
FILES = ("/audio", "/photo")


def session_cookie(base_url, email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    host = urlsplit(base_url).hostname
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "domain": host,
            "path": "/",
        }
    ]


def walk(browser, base_url, axe_source, cookies=(), within=None):
    """From the home page; `within`: from the first of these paths, and only pages under
    them (a persona whose other pages the others walk already)."""
    queue, seen, report = [within[0] if within else "/"], set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        result = measure(browser, base_url + path, axe_source=axe_source, cookies=cookies)
        report[path] = result
        for link in result["links"]:
            parts = urlsplit(link)
            if (
                parts.netloc != urlsplit(base_url).netloc
                or parts.path.startswith(NOT_PAGES)
                or parts.path.endswith(FEEDS)
                or parts.path.endswith(FILES)
                or (within and not parts.path.startswith(within))
            ):
                continue
            query = "&".join(  # "?next=…" only says where to come back: the same page
                q for q in parts.query.split("&") if q and not q.startswith("next=")
            )
            target = parts.path + (f"?{query}" if query else "")
            if target not in seen:
                queue.append(target)
    unvisited = [path for path in queue if path not in seen]
    assert not unvisited, (
        f"the walk stopped at MAX_PAGES={MAX_PAGES} with pages left ({unvisited[:5]}…): "
        "raise MAX_PAGES, every page must be audited"
    )
    return report


CHALLENGE = "/defis/defi-solidaire-de-deconnexion-10-jours/"
STORIES = "/recits/recits-de-la-transition-universite-paul-valery/"
PROJECTS = "/projets/entraide-et-action-collective-universite-paul-valery/"
WALKS = [
    (
        "visitor",
        None,
        [
            "/",
            "/lieux/",
            "/lieux/hinaura/",
            "/confidentialite/",
            "/mentions-legales/",
            "/accessibilite/",
            "/compte/connexion/",
            "/compte/inscription/",
            "/ateliers/",
            "/ateliers/?quand=passes",
            "/ateliers/cycles/vers-un-manifeste-du-numerique-responsable/",
            "/ateliers/manifeste-atelier-1/",
            "/ateliers/leve-les-yeux-maison-pour-tous/",
            "/sondages/",
            "/sondages/dispos-pour-le-deuxieme-atelier/",
            "/sondages/dispos-pour-le-troisieme-atelier/",
            "/manifestes/",
            "/manifestes/manifeste-du-numerique-responsable-dans-les-tiers-lieux/",
            "/enquetes/",
            "/enquetes/nos-ecrans-et-nous/",
            "/enquetes/nos-ecrans-et-nous/resultats/",
            "/enquetes/nos-ecrans-et-nous/rapport/",
            "/defis/",
            CHALLENGE,
            f"{CHALLENGE}participer/",
            f"{CHALLENGE}temoignages/",
            "/recits/",
            STORIES,
            f"{STORIES}reparer-ensemble-au-cafe-du-quartier/",
            "/projets/",
            PROJECTS,
            f"{PROJECTS}publication-de-recits-de-la-transition/",
            f"{PROJECTS}co-animation-d-ateliers-participatifs-et-preventifs/",
        ],
    ),
    (
        "participant",
        "lea@entraide.example",
        [
            "/compte/",
            "/compte/mes-donnees/",
            "/lieux/universite-paul-valery/",
            "/ateliers/mes-inscriptions/",
            "/defis/mes-defis/",
            "/recits/mes-recits/",
            f"{STORIES}reparer-ensemble-au-cafe-du-quartier/suivi/",
            f"{STORIES}reparer-ensemble-au-cafe-du-quartier/versions/",
            "/projets/mes-projets/",
            f"{PROJECTS}publication-de-recits-de-la-transition/binome/",
        ],
    ),
    (
        "organiser",
        "camille@entraide.example",
        [
            "/espace/",
            "/lieux/gerer/la-verriere/",
            "/compte/mes-donnees/",
            "/ateliers/gerer/lieu/la-verriere/",
            "/ateliers/gerer/manifeste-atelier-1/",
            "/ateliers/gerer/manifeste-atelier-1/participants/",
            "/ateliers/gerer/cycle/vers-un-manifeste-du-numerique-responsable/",
            "/ateliers/gerer/fresque-du-numerique-la-verriere/participants/",
            "/sondages/gerer/dispos-pour-le-troisieme-atelier/",
            "/sondages/gerer/lieu/la-verriere/",
            "/sondages/gerer/lieu/la-verriere/nouveau/",
            "/manifestes/gerer/manifeste-du-numerique-responsable-dans-les-tiers-lieux/",
            "/manifestes/gerer/manifeste-du-numerique-responsable-dans-les-tiers-lieux/idees/",
            "/manifestes/gerer/lieu/la-verriere/",
            "/enquetes/gerer/lieu/la-verriere/",
            "/enquetes/gerer/fresque-du-numerique-votre-avis/",
            "/enquetes/gerer/fresque-du-numerique-votre-avis/invitations/",
            "/enquetes/gerer/fresque-du-numerique-votre-avis/publication/",
        ],
    ),
    (
        # The team of the Maison pour tous Voltaire runs its disconnection challenge and hosts a
        # project's workshops: from its space, the challenge's pages and the projects' (the
        # others walk the rest of the site).
        "organiser of a challenge",
        "malik@entraide.example",
        [
            "/espace/",
            "/defis/nouveau/?lieu=maison-pour-tous-voltaire",
            f"{CHALLENGE}modifier/",
            f"{CHALLENGE}gerer/",
            f"{CHALLENGE}gerer/temoignages/",
            f"{CHALLENGE}gerer/ecrire/",
            f"{PROJECTS}co-animation-d-ateliers-participatifs-et-preventifs/accueillir/",
        ],
    ),
    (
        # The teacher of the Université Paul-Valéry runs the course's collection of stories and
        # its catalogue of projects: from her space, the collection's settings, the review of
        # the stories and the anthology; the catalogue, its projects and their pairs.
        "editor of stories",
        "ines@entraide.example",
        [
            "/espace/",
            "/recits/nouveau/?lieu=universite-paul-valery",
            f"{STORIES}gerer/",
            f"{STORIES}gerer/relecture/",
            f"{STORIES}lenergie-quelles-partagent/relire/",
            f"{STORIES}gerer/recueils/",
            "/projets/nouveau/?lieu=universite-paul-valery",
            "/projets/gerer/entraide-et-action-collective-universite-paul-valery/",
            "/projets/gerer/entraide-et-action-collective-universite-paul-valery/"
            "publication-de-recits-de-la-transition/binomes/",
        ],
    ),
]
WITHIN = {
    "organiser of a challenge": ("/espace/", "/defis/", "/projets/"),
    "editor of stories": ("/espace/", "/recits/", "/projets/"),
}


def test_the_accessibility_statement_names_only_pages_the_walk_audits():
    audited = {path for _persona, _email, must_reach in WALKS for path in must_reach}
    assert [path for _label, path in accessibility.tested_pages() if path not in audited] == []


@pytest.mark.parametrize(("persona", "email", "must_reach"), WALKS)
def test_every_linked_page_meets_the_quality_bars(
    browser, axe_source, live_app, persona, email, must_reach
):
    call_command("demo", verbosity=0)
    cookies = session_cookie(live_app, email) if email else ()
    report = walk(browser, live_app, axe_source, cookies, within=WITHIN.get(persona))

    missing = [path for path in must_reach if path not in report]
    assert missing == [], f"{persona}: not reached by links from the home page: {missing}"
    problems = {path: problems_of(r) for path, r in report.items() if problems_of(r)}
    assert problems == {}, f"{persona}: pages over budget or failing:\n" + "\n".join(
        f"  {path}: {'; '.join(found)}" for path, found in problems.items()
    )
    print(f"\n{persona}: {len(report)} pages")
    for path, r in report.items():
        print(f"  {path:48} {r['bytes'] / 1000:5.1f} KB {r['requests']} req {r['dom']:4} DOM")
