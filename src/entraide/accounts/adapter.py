"""allauth's mails name the site by ENTRAIDE_SITE_NAME (without django.contrib.sites they would
say "Hello from 127.0.0.1"); after signing in, organisers land on their space."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        if request is not None:
            site = RequestSite(request)
            site.name = settings.ENTRAIDE_SITE_NAME
            context = {"current_site": site, **context}
        super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        """Organisers land on "Mon espace", where their places' work is; others on their
        account. A `next` address, when there is one, still wins (allauth reads it first)."""
        if request.user.memberships.exists():
            return reverse("space")
        return super().get_login_redirect_url(request)
