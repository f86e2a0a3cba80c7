"""STAND-IN for services.versions.publish_version (built beside this work, not yet on main):
the fixtures of test_signatures.py and test_exports.py, imported there. It freezes the
manifesto's sections into a Version as publishing will; once publish_version exists, replace
`publish` with it (`publish_version(manifesto, note=note, by=by)`) and keep the fixtures."""

import pytest
from django.utils import timezone

from entraide.manifestos import services
from entraide.manifestos.models import Phase, Version, VersionSection


def publish(manifesto, *, note="", by=None) -> Version:
    """SWAP FOR publish_version: a new version of `manifesto` holding its sections as they are."""
    last = manifesto.versions.order_by("-number").first()
    version = Version.objects.create(
        manifesto=manifesto,
        number=0 if last is None else last.number + 1,
        note=note,
        published_at=timezone.now(),
        published_by=by,
    )
    VersionSection.objects.bulk_create(
        VersionSection(
            version=version,
            key=section.pk,
            position=position,
            title=section.title,
            body=section.body,
            body_html=section.body_html,
        )
        for position, section in enumerate(manifesto.sections.order_by("position", "pk"), 1)
    )
    return version


def write_sections(manifesto, by, texts):
    """Sections with the given (title, body), written while drafting."""
    manifesto.refresh_from_db(fields=["phase"])
    if manifesto.phase != Phase.DRAFTING:
        services.switch_phase(manifesto, Phase.DRAFTING, by=by)
    return [services.add_section(manifesto, title=t, body=b, by=by) for t, b in texts]


SECTIONS = [
    ("Sobriété", "Nous voulons des outils **sobres** :\n\n- réparables\n- durables"),
    ("Partage", "Les savoirs se *partagent* : [voir](https://example.org/partage)."),
]


@pytest.fixture
def version(manifesto, bob):
    write_sections(manifesto, bob, SECTIONS)
    return publish(manifesto, by=bob)
