import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

QUEUED = {
    "EMAIL_BACKEND": "entraide.core.mail.QueuedEmailBackend",
    "ENTRAIDE_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
}


@pytest.fixture
def queued_mail(settings):
    for name, value in QUEUED.items():
        setattr(settings, name, value)


@pytest.mark.django_db(transaction=True)
def test_a_mail_waits_for_the_commit_then_the_worker_delivers_it(queued_mail):
    with transaction.atomic():
        message = EmailMessage("Inscription", "Bonjour", to=["lea@example.org"])
        message.attach("atelier.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
        message.send()
        assert DBTaskResult.objects.count() == 0  # nothing leaves before the commit
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []  # the request did not wait for the mail server

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.to) == ("Inscription", "Bonjour", ["lea@example.org"])
    assert sent.attachments[0][0] == "atelier.ics"
    assert sent.attachments[0][1] == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_no_mail(queued_mail):
    def change_that_fails():
        with transaction.atomic():
            EmailMessage("Annonce", "Jamais envoyée", to=["lea@example.org"]).send()
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []
