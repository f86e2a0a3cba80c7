"""Versions made as the organisers make them, for the tests of signatures, exports and the
account pages: `publish` brings the manifesto through its phases to one where a version may be
published, then calls services.publish_version; `write_sections` adds sections while drafting,
or, once a version is out, through accepted amendments (the only way the text changes then)."""

import pytest

from entraide.manifestos import services
from entraide.manifestos.models import AmendmentKind, Phase, Version
from entraide.manifestos.services import decisions
from entraide.manifestos.services.versions import publish_version

# The way from each phase to one that publishes: drafting, or amendments closed.
TOWARDS_PUBLISHING = {
    Phase.IDEAS: Phase.DRAFTING,
    Phase.PUBLISHED: Phase.AMENDMENTS_OPEN,
    Phase.AMENDMENTS_OPEN: Phase.AMENDMENTS_CLOSED,
}


def _phase(manifesto):
    manifesto.refresh_from_db(fields=["phase"])
    return manifesto.phase


def publish(manifesto, *, note="", by) -> Version:
    """The next version of `manifesto`, published by `by` (who runs its place)."""
    while _phase(manifesto) in TOWARDS_PUBLISHING:
        services.switch_phase(manifesto, TOWARDS_PUBLISHING[manifesto.phase], by=by)
    if not manifesto.sections.exists():
        services.add_section(manifesto, title="Préambule", body="Le texte commence ici.", by=by)
    return publish_version(manifesto, note=note, by=by)


def _amend(manifesto, by, **proposal):
    if _phase(manifesto) != Phase.AMENDMENTS_OPEN:
        services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=by)
    amendment = services.propose_amendment(
        manifesto, rationale="Adopté en atelier.", by=by, **proposal
    )
    decisions.accept(amendment, reason="Adopté en atelier.", by=by)
    amendment.refresh_from_db()
    return amendment


def write_sections(manifesto, by, texts):
    """Sections with the given (title, body) at the end of the text: written while drafting,
    or added by accepted amendments once a version is published."""
    if _phase(manifesto) in (Phase.IDEAS, Phase.DRAFTING):
        if manifesto.phase == Phase.IDEAS:
            services.switch_phase(manifesto, Phase.DRAFTING, by=by)
        return [services.add_section(manifesto, title=t, body=b, by=by) for t, b in texts]
    added = []
    for title, body in texts:
        last = manifesto.sections.order_by("-position").first()
        amendment = _amend(
            manifesto, by, kind=AmendmentKind.ADD, section=last, title=title, body=body
        )
        added.append(manifesto.sections.get(pk=amendment.applied_key))
    return added


def rewrite_section(section, by, *, title, body):
    """The section replaced by an accepted amendment (after a version, the text changes so)."""
    _amend(
        section.manifesto, by, kind=AmendmentKind.REPLACE, section=section, title=title, body=body
    )
    section.refresh_from_db()
    return section


SECTIONS = [
    ("Sobriété", "Nous voulons des outils **sobres** :\n\n- réparables\n- durables"),
    ("Partage", "Les savoirs se *partagent* : [voir](https://example.org/partage)."),
]


@pytest.fixture
def version(manifesto, bob):
    write_sections(manifesto, bob, SECTIONS)
    return publish(manifesto, by=bob)
