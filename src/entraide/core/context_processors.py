from django.conf import settings


def site(request):
    return {"site_name": settings.ENTRAIDE_SITE_NAME}
