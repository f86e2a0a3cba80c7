"""allauth's mails name the site by ENTRAIDE_SITE_NAME (without django.contrib.sites they would
say "Hello from 127.0.0.1")."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.requests import RequestSite


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        if request is not None:
            site = RequestSite(request)
            site.name = settings.ENTRAIDE_SITE_NAME
            context = {"current_site": site, **context}
        super().send_mail(template_prefix, email, context)
