"""Hostile requests over every route, as anonymous and as each role, never answer 5xx.

The short form of ``bench/fuzz.py`` (which runs 2,000 and more): the same seeded requests
each run, drawn by ``tests/fuzzing.py``. A failure lists each request that answered 5xx or
raised, to replay by hand.
"""

from __future__ import annotations

from tests.fuzzing import make_world, run

REQUESTS = 300
SEED = 20261202


def test_hostile_requests_over_every_route_never_answer_a_server_error(app):
    outcome = run(app, make_world(app), REQUESTS, SEED)
    assert sum(outcome.counts.values()) == REQUESTS
    assert not outcome.failures, "\n".join(outcome.failures)


def test_an_id_too_large_for_the_database_is_not_found(app, log_in):
    from register.accounts.roles import RoleName
    from register.extensions import db
    from tests.factories import make_account

    with app.app_context():
        account = make_account(RoleName.INSPECTOR)
        db.session.commit()
        client = log_in(account)
    assert client.get("/inspectie/initiatieven/99999999999999999999").status_code == 404
    assert client.get("/inspectie/initiatieven/2147483648").status_code == 404


def test_a_multipart_part_without_a_name_is_ignored_not_a_crash(client):
    body = (
        b"--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n"
        b'--b\r\nContent-Disposition: form-data; name="q"\r\n\r\nx\r\n--b--\r\n'
    )
    response = client.post(
        "/initiatieven/vergelijk/toevoegen",
        data=body,
        content_type="multipart/form-data; boundary=b",
    )
    assert response.status_code == 400  # the CSRF token is missing; refused, not a 500


def test_a_question_list_token_with_letters_outside_ascii_is_not_found(client):
    from tests.accounts.support import form_fields

    token = form_fields(client, "/wachtwoord-vergeten")["csrf_token"]
    response = client.post(
        "/vragenlijst/l/☃/mail", data={"email": "a@example.org", "csrf_token": token}
    )
    assert response.status_code == 404
