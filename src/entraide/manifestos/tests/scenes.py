"""Scenes for the tests of decisions and versions: a manifesto with sections, amendments
proposed by people, accepted, and versions published."""

from entraide.manifestos import services
from entraide.manifestos.models import AmendmentKind, Phase
from entraide.manifestos.services import decisions
from entraide.manifestos.services.versions import publish_version
from tests.factories import PlaceFactory, UserFactory


def written(manifesto, organiser, count, *, body="Texte {n}."):
    """`count` sections written in drafting; the manifesto left in drafting."""
    manifesto.refresh_from_db(fields=["phase"])
    if manifesto.phase != Phase.DRAFTING:
        services.switch_phase(manifesto, Phase.DRAFTING, by=organiser)
    return [
        services.add_section(manifesto, title=f"Section {n}", body=body.format(n=n), by=organiser)
        for n in range(count)
    ]


def amend(manifesto, section, by, *, body=None, kind=AmendmentKind.REPLACE, title=None):
    return services.propose_amendment(
        manifesto,
        kind=kind,
        section=section,
        title=(title or section.title) if kind != AmendmentKind.DELETE else "",
        body=(body or section.body + " Amendé.") if kind != AmendmentKind.DELETE else "",
        rationale=f"Parce que {section.title}.",
        by=by,
    )


def two_versions(count, *, changed=None):
    """A manifesto of `count` sections published as V0, then `changed` of them (all by
    default) amended, accepted, and published as V1. Returns (manifesto, organiser, v0, v1,
    amendments)."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    manifesto = services.create_manifesto(place, by=organiser, fields={"title": "Manifeste"})
    sections = written(manifesto, organiser, count)
    v0 = publish_version(manifesto, by=organiser)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
    author = UserFactory(display_name="Awa")
    amendments = [
        amend(manifesto, section, author, body=f"Texte {n} amendé par Awa.")
        for n, section in enumerate(sections[: count if changed is None else changed])
    ]
    for amendment in amendments:
        decisions.accept(amendment, reason="D’accord.", by=organiser)
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=organiser)
    v1 = publish_version(manifesto, note="Les amendements d’Awa.", by=organiser)
    return manifesto, organiser, v0, v1, amendments
