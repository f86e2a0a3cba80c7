"""The pages of signatures and exports, for test_query_counts.py: each costs a literal number
of queries whatever the number of sections and signatures (tests/querycount.py)."""

from django.utils import timezone

from entraide.manifestos import services
from entraide.manifestos.models import Signature
from entraide.manifestos.tests.publishing import publish, write_sections
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def signed_version(n):
    """A version of `n` sections signed by `n` people, a third of them for a place."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    manifesto = services.create_manifesto(place, by=organiser, fields={"title": "Manifeste"})
    write_sections(manifesto, organiser, [(f"Section {s}", f"Texte {s}.") for s in range(n)])
    version = publish(manifesto, by=organiser)
    signer_place = PlaceFactory(name=f"Lieu signataire {manifesto.pk}")
    Signature.objects.bulk_create(
        Signature(
            version=version, name=f"Signataire {s}", email=f"s{s}.{version.pk}@example.org",
            organisation="" if s % 3 == 0 else f"Asso {s}",
            place=signer_place if s % 3 == 0 else None,
            link_key=f"k{s}", token_digest=f"d{s}.{version.pk}", confirmed_at=timezone.now(),
        )
        for s in range(n)
    )  # fmt: skip
    return version


def at(suffix, shows):
    def build(n):
        version = signed_version(n)
        base = f"/manifestes/{version.manifesto.slug}/"
        return Visit(base + suffix(version), shows=shows(n))

    return build


def signers(n):
    return [f"Signataire {s}" for s in range(n)]


def sections(n):
    return [f"Section {s}" for s in range(n)]


def organisations(n):
    return [f"Asso {s}" for s in range(n) if s % 3]


SIGNATURE_PAGES = [
    # the manifesto, its versions, the count, the page (places joined)
    Page("manifestos:signatories", 4, at(lambda v: "signataires/", signers)),
    # the manifesto, its versions, the people, the count of groups, the page of groups
    Page(
        "manifestos:signatories by organisation",
        5,
        at(lambda v: "signataires/?par=organisation", organisations),
    ),
    Page(
        "manifestos:version_signatories",
        4,
        at(lambda v: f"versions/{v.number}/signataires/", signers),
    ),
    # the manifesto, its latest version, the places offered
    Page("manifestos:sign", 3, at(lambda v: "signer/", lambda n: [])),
    # the version with its manifesto and place, its sections
    Page("manifestos:print", 2, at(lambda v: f"versions/{v.number}/imprimer/", sections)),
    Page("manifestos:markdown", 2, at(lambda v: f"versions/{v.number}/manifeste.md", sections)),
]
