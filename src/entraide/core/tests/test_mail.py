"""The outbox: a mail commits with its change, leaves through a real SMTP server, is retried,
then forgotten; the task queue never holds a message."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from entraide.core import outbox
from entraide.core.models import OutgoingMail
from tests.mailserver import free_port, smtp_server, smtp_settings

Status = OutgoingMail.Status
pytestmark = pytest.mark.django_db(transaction=True)
SECRET_LINK = "https://entraide.example/ateliers/lien/1-s3cr3t-t0ken/"


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def send(subject="Inscription", body=f"Votre lien : {SECRET_LINK}", to="lea@example.org"):
    message = EmailMessage(subject, body, to=[to])
    message.attach("atelier.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.send()


@pytest.fixture
def smtp(settings):
    with smtp_server() as (port, recorder):
        smtp_settings(settings, port)
        yield recorder


def test_a_mail_commits_with_its_change_and_the_worker_delivers_it_by_smtp(smtp):
    with transaction.atomic():
        send()
        assert OutgoingMail.objects.count() == 1  # written with the change…
        assert DBTaskResult.objects.count() == 0  # …and nothing is handed on before the commit
    assert smtp.messages == []  # the request did not wait for the mail server

    run_worker()

    assert len(smtp.messages) == 1
    sent = smtp.messages[0]
    assert (sent["Subject"], sent["To"]) == ("Inscription", "lea@example.org")
    assert smtp.bodies() == [f"Votre lien : {SECRET_LINK}"]
    attachment = next(sent.iter_attachments())
    assert attachment.get_filename() == "atelier.ics"
    assert attachment.get_content() == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def test_after_delivery_neither_the_outbox_nor_the_task_queue_holds_the_message(smtp):
    send()
    run_worker()

    mail = OutgoingMail.objects.get()
    assert (mail.status, mail.payload, mail.attempts) == (Status.SENT, None, 1)
    assert mail.sent_at is not None
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [mail.pk], "kwargs": {}}
    assert task.return_value == "sent"


def test_a_rolled_back_change_sends_no_mail(smtp):
    def change_that_fails():
        with transaction.atomic():
            send(subject="Annonce")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    run_worker()
    assert (OutgoingMail.objects.count(), DBTaskResult.objects.count()) == (0, 0)
    assert smtp.messages == []


def test_a_mail_whose_task_was_lost_is_delivered_by_the_periodic_command(smtp, monkeypatch):
    class ProcessKilled:
        def enqueue(self, *args):
            raise SystemError("killed between the commit and the enqueue")

    monkeypatch.setattr("entraide.core.mail.deliver_outgoing_mail", ProcessKilled())
    send()  # the on-commit enqueue fails: logged, not raised to the user
    assert DBTaskResult.objects.count() == 0
    monkeypatch.undo()

    call_command("deliver_mail", stdout=StringIO())

    assert smtp.bodies() == [f"Votre lien : {SECRET_LINK}"]
    assert OutgoingMail.objects.get().status == Status.SENT


def test_a_refused_connection_is_retried_with_backoff_then_marked_failed(settings):
    smtp_settings(settings, free_port())  # nothing listens there
    send()
    run_worker()

    mail = OutgoingMail.objects.get()
    assert (mail.status, mail.attempts) == (Status.QUEUED, 1)
    assert "ConnectionRefusedError" in mail.last_error
    assert 55 <= (mail.next_attempt_at - timezone.now()).total_seconds() <= 60
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after == mail.next_attempt_at  # the worker will try again at that time

    delays = []
    for _ in settings.ENTRAIDE_MAIL_RETRY_DELAYS:
        before = timezone.now()
        OutgoingMail.objects.update(next_attempt_at=before)  # its time has come
        call_command("deliver_mail", stdout=StringIO())
        mail.refresh_from_db()
        delays.append(round((mail.next_attempt_at - before).total_seconds() / 60))
    assert delays[:4] == [5, 30, 120, 720]  # minutes, then the last attempt fails for good
    assert (mail.status, mail.attempts) == (Status.FAILED, 6)
    assert mail.payload is not None  # kept so that an administrator can send it again


def test_a_temporary_refusal_is_retried_and_a_permanent_one_is_not(settings):
    with smtp_server(rcpt_answer="451 4.7.1 Greylisted, try again later") as (port, _):
        smtp_settings(settings, port)
        send(to="greylisted@example.org")
        call_command("deliver_mail", stdout=StringIO())
    with smtp_server(rcpt_answer="550 5.1.1 No such user") as (port, _):
        smtp_settings(settings, port)
        send(to="nobody@example.org")
        call_command("deliver_mail", stdout=StringIO())

    greylisted, unknown = OutgoingMail.objects.order_by("pk")
    assert (greylisted.status, greylisted.attempts) == (Status.QUEUED, 1)
    assert "451" in greylisted.last_error
    assert (unknown.status, unknown.attempts) == (Status.FAILED, 1)
    assert unknown.last_error == "PermanentMailError: recipients refused (550)"


def test_a_mail_left_sending_by_a_dead_worker_is_sent_again_once_its_lease_expires(smtp):
    send()
    mail = OutgoingMail.objects.get()
    in_five_minutes = timezone.now() + timedelta(minutes=5)
    OutgoingMail.objects.update(status=Status.SENDING, lease_expires_at=in_five_minutes)

    call_command("deliver_mail", stdout=StringIO())
    assert smtp.messages == []  # another worker may still be sending it

    OutgoingMail.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    call_command("deliver_mail", stdout=StringIO())
    assert len(smtp.messages) == 1
    mail.refresh_from_db()
    assert mail.status == Status.SENT


def test_the_worker_and_the_periodic_command_never_send_a_mail_twice(smtp):
    send()
    mail = OutgoingMail.objects.get()
    assert outbox.claim(mail.pk) is not None
    assert outbox.claim(mail.pk) is None  # the second claimer loses
    assert outbox.deliver(mail.pk) is None
    call_command("deliver_mail", stdout=StringIO())
    assert smtp.messages == []


def test_mail_status_lists_failed_mails_and_exits_1_for_monitoring(settings):
    smtp_settings(settings, free_port())
    send()
    OutgoingMail.objects.update(attempts=len(settings.ENTRAIDE_MAIL_RETRY_DELAYS))
    call_command("deliver_mail", stdout=StringIO())
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("mail_status", stdout=out)
    assert exit_.value.code == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "queued: 0, sending: 0, sent: 0, failed: 1"
    assert lines[1].startswith("failed #")
    assert "ConnectionRefusedError" in lines[1]


def test_pruning_forgets_old_delivered_mails_and_finished_tasks(smtp, settings):
    send()
    send()
    run_worker()
    old, recent = OutgoingMail.objects.order_by("pk")
    a_week_ago = timezone.now() - timedelta(days=settings.ENTRAIDE_MAIL_KEEP_DAYS, minutes=1)
    OutgoingMail.objects.filter(pk=old.pk).update(sent_at=a_week_ago)
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=2))

    out = StringIO()
    call_command("prune_queues", stdout=out)

    assert out.getvalue() == "pruned: 1 sent mails, 0 failed mails, 2 tasks, 0 rate limit windows\n"
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [recent.pk]
    assert DBTaskResult.objects.count() == 0


def test_the_admin_lists_mails_without_showing_their_message(smtp, admin_client):
    send()
    mail = OutgoingMail.objects.get()
    listing = admin_client.get("/admin/core/outgoingmail/")
    detail = admin_client.get(f"/admin/core/outgoingmail/{mail.pk}/change/")
    assert (listing.status_code, detail.status_code) == (200, 200)
    for page in (listing, detail):
        assert "s3cr3t" not in page.content.decode()
        assert "lea@example.org" not in page.content.decode()
    assert "queued" in listing.content.decode()


def test_mails_queued_before_the_outbox_move_into_it_and_leave_the_task_queue():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("entraide.core.migrations.0003_outbox")
    payload = {"subject": "Ancien", "body": SECRET_LINK, "to": ["lea@example.org"]}
    for status in ("READY", "SUCCESSFUL"):
        DBTaskResult.objects.create(
            task_path=migration.LEGACY_TASK,
            args_kwargs={"args": [payload], "kwargs": {}},
            status=status,
            backend_name="default",
            run_after=timezone.now(),
        )

    migration.move_queued_mails_to_the_outbox(apps, None)

    assert DBTaskResult.objects.count() == 0
    assert list(OutgoingMail.objects.values_list("payload", "status")) == [(payload, "queued")]


def test_a_silent_mail_server_costs_one_timeout_not_one_per_mail(settings):
    import time

    from tests.mailserver import silent_server

    with silent_server() as port:
        smtp_settings(settings, port, timeout=1)
        for n in range(5):
            send(to=f"person{n}@example.org")
        started = time.monotonic()
        run_worker()
        elapsed = time.monotonic() - started

    assert elapsed < 3  # one timeout of 1 s, not five
    attempts = list(OutgoingMail.objects.order_by("pk").values_list("attempts", "status"))
    assert attempts == [(1, "queued")] + [(0, "queued")] * 4  # the others wait for the sweep
    assert "timed out" in OutgoingMail.objects.order_by("pk").first().last_error


def test_a_mail_whose_task_was_lost_still_leaves_before_the_later_ones(smtp, monkeypatch):
    class ProcessKilled:
        def enqueue(self, *args):
            raise SystemError("killed between the commit and the enqueue")

    monkeypatch.setattr("entraide.core.mail.deliver_outgoing_mail", ProcessKilled())
    send(subject="Inscription confirmée")
    monkeypatch.undo()
    send(subject="Inscription annulée")

    run_worker()

    assert [m["Subject"] for m in smtp.messages] == ["Inscription confirmée", "Inscription annulée"]
