from entraide.core.legal_defaults import ensure_legal_pages
from entraide.core.models import LegalPage


def load():
    ensure_legal_pages(LegalPage)
    return []
