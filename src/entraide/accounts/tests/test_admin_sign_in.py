"""The administration is entered through the site's sign-in, with its limits on failed attempts."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def admin_user():
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


def test_the_admin_login_form_checks_no_password_itself(client, admin_user):
    for _ in range(20):
        response = client.post(
            ADMIN_LOGIN, {"username": admin_user.email, "password": "faux", "next": "/admin/"}
        )
        assert response.status_code == 302
        assert response["Location"] == "/compte/connexion/?next=%2Fadmin%2F"
    right = client.post(
        ADMIN_LOGIN, {"username": admin_user.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/compte/connexion/?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_repeated_wrong_passwords_for_the_admin_can_no_longer_be_tried(client, admin_user):
    sign_in = client.get("/admin/", follow=True).request
    url = f"{sign_in['PATH_INFO']}?{sign_in['QUERY_STRING']}"
    assert url == "/compte/connexion/?next=%2Fadmin%2F"
    statuses = [
        client.post(url, {"login": admin_user.email, "password": f"faux-{n}"}).status_code
        for n in range(5)
    ]
    assert statuses == [400] * 5
    refused = client.post(url, {"login": admin_user.email, "password": PASSWORD})
    assert refused.status_code == 400
    assert "Trop de tentatives de connexion" in refused.text
    assert client.get("/admin/").status_code == 302


def test_a_staff_member_reaches_the_admin_after_signing_in(client, admin_user):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", 302),
        ("/compte/connexion/?next=%2Fadmin%2F", 302),
    ]
    signed_in = client.post(
        "/compte/connexion/?next=%2Fadmin%2F",
        {"login": admin_user.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(ADMIN_LOGIN).status_code == 302  # already in: on to the admin


def test_a_person_without_staff_rights_is_refused_at_the_admin_login(client_for, alice):
    response = client_for(alice).get(ADMIN_LOGIN)
    assert response.status_code == 403
