"""The literal query counts of the pages of decisions and versions (in test_query_counts's
PAGES): each the same with 1 or 5 sections, amendments or versions."""

from entraide.manifestos import services
from entraide.manifestos.models import Phase
from entraide.manifestos.services import decisions
from entraide.manifestos.tests.scenes import amend, two_versions
from tests.factories import UserFactory
from tests.querycount import Page, Visit


def version_page(n):
    _manifesto, _organiser, _v0, v1, amendments = two_versions(n)
    return Visit(
        v1.get_absolute_url(),
        shows=[f"Texte {s} amendé par Awa." for s in range(n)]
        + [a.get_absolute_url() for a in amendments],
    )


def compare_page(n):
    manifesto, _organiser, _v0, _v1, amendments = two_versions(n)
    return Visit(
        f"/manifestes/{manifesto.slug}/comparer/?de=0&a=1",
        shows=[a.get_absolute_url() for a in amendments],
    )


def _stale(n):
    """An amendment based on an earlier text: its section changed by another one, `n`
    paragraphs long."""
    manifesto, organiser, *_ = two_versions(1, changed=0)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
    section = manifesto.sections.first()
    words = [f"mot{i}" for i in range(n)]
    author = UserFactory()
    stale = amend(manifesto, section, author, body="\n\n".join(words))
    decisions.accept(amend(manifesto, section, UserFactory()), reason="Oui.", by=organiser)
    return manifesto, organiser, author, stale, words


def decide_page(n):
    manifesto, organiser, _author, stale, words = _stale(n)
    url = f"/manifestes/gerer/{manifesto.slug}/amendements/{stale.pk}/decider/"
    return Visit(url, user=organiser, shows=words)


def update_page(n):
    manifesto, _organiser, author, stale, words = _stale(n)
    url = f"/manifestes/{manifesto.slug}/amendements/{stale.pk}/mettre-a-jour/"
    return Visit(url, user=author, shows=words)


def publish_page(n):
    manifesto, organiser, *_ = two_versions(n)
    return Visit(f"/manifestes/gerer/{manifesto.slug}/publier/", user=organiser, shows=["V2"])


VERSION_PAGES = [
    # the manifesto, its versions, the frozen sections, the amendments accepted in it
    Page("manifestos:version", 4, version_page),
    # the manifesto, its versions, the frozen sections of both, the amendments with votes
    Page("manifestos:compare", 4, compare_page),
    # session, user, the manifesto, the organiser check, the amendment with its section
    Page("manifestos:decide", 5, decide_page),
    Page("manifestos:update_amendment", 5, update_page),
    # session, user, the manifesto, the access check, the next number
    Page("manifestos:publish", 5, publish_page),
]
