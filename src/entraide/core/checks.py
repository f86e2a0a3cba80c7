"""System checks on Entraide's own settings, run by every management command and by
`entraide check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def site_url_is_public(app_configs, **kwargs):
    """Behind HTTPS (SECURE=1), links in mails must point to the public https:// address, not
    to the development default http://127.0.0.1:8000."""
    if not getattr(settings, "SECURE", False):
        return []
    site_url = settings.ENTRAIDE_SITE_URL
    address = urlsplit(site_url)
    if address.scheme == "https" and address.hostname:
        return []
    return [
        checks.Error(
            f"ENTRAIDE_SITE_URL is {site_url or 'empty'}, not an https:// address: "
            "links in mails (confirmations, private links, reminders) would point there.",
            hint="Set ENTRAIDE_SITE_URL to the public address, e.g. https://entraide.example.org.",
            id="entraide.E001",
        )
    ]
