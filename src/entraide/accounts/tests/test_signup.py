import re
import statistics
import time

import pytest
from django.conf import global_settings
from django.core import mail
from django.test import Client

from entraide.accounts.models import User

pytestmark = pytest.mark.django_db
SIGNUP = "/compte/inscription/"
STRONG = "velo-cargo-et-compost"


def sign_up(client, email, password=STRONG, password2=None):
    return client.post(
        SIGNUP, {"email": email, "password1": password, "password2": password2 or password}
    )


def test_signing_up_sends_a_confirmation_link_that_signs_in(client):
    response = sign_up(client, "lea@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/compte/confirmer-adresse/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@example.org"]
    assert "Entraide" in mail.outbox[0].body.splitlines()[0]  # the site's name, not its host
    assert "testserver" not in mail.outbox[0].body.splitlines()[0]
    link = re.search(r"http://testserver(/compte/confirmer-adresse/\S+/)", mail.outbox[0].body)
    page = client.get(link.group(1))
    assert page.status_code == 200
    confirmed = client.post(link.group(1))
    assert confirmed.status_code == 302
    assert client.get("/compte/").status_code == 200  # signed in
    assert User.objects.get(email="lea@example.org").emailaddress_set.get().verified


def test_a_reused_or_made_up_confirmation_link_is_refused(client):
    response = client.get("/compte/confirmer-adresse/pas-une-vraie-cle/")
    assert response.status_code == 404
    assert "Ce lien de confirmation" in response.text


def test_signing_up_with_a_taken_address_reveals_nothing(client, alice):
    new = sign_up(client, "new@example.org")
    client.logout()
    taken = sign_up(client, alice.email)
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert User.objects.filter(email=alice.email).count() == 1
    to_alice = [m for m in mail.outbox if m.to == [alice.email]]
    assert len(to_alice) == 1  # the owner is told, by email, that someone tried
    assert "compte" in to_alice[0].body.lower()


@pytest.mark.parametrize(
    ("email", "password", "password2", "field", "message"),
    [
        ("pas-une-adresse", STRONG, None, "email", "adresse"),
        ("lea@example.org", "123456", None, "password1", "trop courant"),
        ("lea@example.org", STRONG, "autre-chose-encore", "password2", "même mot de passe"),
        ("", STRONG, None, "email", "obligatoire"),
    ],
)
def test_bad_sign_up_input_gets_a_400_and_a_message_beside_the_field(
    client, email, password, password2, field, message
):
    response = sign_up(client, email, password, password2)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field]).lower()
    invalid_inputs = re.findall(r'<input[^>]*aria-invalid="true"[^>]*>', response.text)
    assert any(f'name="{field}"' in tag for tag in invalid_inputs)
    assert not User.objects.exists()


def test_sign_up_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip"}
    statuses = [sign_up(client, f"p{n}@example.org").status_code for n in range(4)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429


def test_signing_up_with_a_taken_address_takes_as_long_as_with_a_new_one(alice, settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the real, slow hasher

    def duration(email):
        client = Client()
        started = time.perf_counter()
        response = sign_up(client, email)
        elapsed = time.perf_counter() - started
        assert response.status_code == 302
        return elapsed

    # Interleaved, so that a burst of load on a shared machine slows both kinds alike.
    news, takens = [], []
    for n in range(5):
        news.append(duration(f"nouvelle{n}@example.org"))
        takens.append(duration(alice.email))
    new, taken = statistics.median(news), statistics.median(takens)
    assert taken >= new / 2, f"taken address {taken:.3f}s, new address {new:.3f}s"
