"""Every route of the site, requested as anonymous and as each role.

Who may open what is stated here from the site's doors (by address), independently of the
``roles_required`` declarations on the views, and checked against real responses:

- ``/portaal`` editors, ``/vereniging`` association verifiers, ``/beheer`` register staff,
  ``/inspectie`` inspectors and inspection administrators, and its rules and access log
  inspection administrators only; anyone else gets 403, an anonymous visitor the log-in page;
- ``/account`` any account; everything else is public.

GET routes are requested with real ids; POST-only routes with a valid CSRF token (so a
refusal is about the role, not the token) and no data. Nothing may answer 500.
"""

from __future__ import annotations

import re

import pytest
from werkzeug.routing import IntegerConverter

from register.accounts.roles import RoleName
from register.extensions import db
from tests.accounts.support import log_in_through_forms
from tests.factories import make_account, make_initiative

INSPECTORATE = frozenset({RoleName.INSPECTOR, RoleName.INSPECTION_ADMIN})
# Who may pass each door; the longest matching prefix decides.
DOORS = {
    "/portaal": frozenset({RoleName.EDITOR}),
    "/vereniging": frozenset({RoleName.VERIFIER}),
    "/beheer": frozenset({RoleName.STAFF}),
    "/inspectie": INSPECTORATE,
    "/inspectie/signaalregels": frozenset({RoleName.INSPECTION_ADMIN}),
    "/inspectie/toegangslog": frozenset({RoleName.INSPECTION_ADMIN}),
}
ACCOUNT_ONLY = ("/account", "/herstelcodes", "/wachtwoord-wijzigen", "/tweestapsverificatie")
PERSONAS = ("anonymous", *RoleName)
# Routes that only make sense with a token from an e-mail or a log-in in progress, and the
# log-out (it would end the persona's session half-way; tests/accounts covers it).
SKIPPED_ENDPOINTS = {
    "security.logout",
    "static",
    "security.static",
    "security.reset_password",
    "security.two_factor_setup_validate",
}


def door_of(path: str) -> frozenset[RoleName] | None:
    for prefix in sorted(DOORS, key=len, reverse=True):
        if path == prefix or path.startswith(prefix + "/"):
            return DOORS[prefix]
    return None


@pytest.fixture
def world(app):
    """An initiative the editor edits, and one account per role, committed."""
    with app.app_context():
        initiative = make_initiative(name="Matrixhuis", slug="matrixhuis")
        accounts = {
            role: make_account(role, initiatives=[initiative] if role == RoleName.EDITOR else ())
            for role in RoleName
        }
        from sqlalchemy import select

        from register.entries.models import Association
        from tests.factories import by_key  # noqa: F401  (reference data loaded above)

        accounts[RoleName.VERIFIER].association = db.session.scalar(select(Association))
        db.session.commit()
        yield {"initiative_id": initiative.id, "slug": initiative.slug, "accounts": accounts}


def sample_url(rule, world) -> str:
    values = {}
    for name in rule.arguments:
        converter_object = rule._converters[name]
        converter = converter_object.__class__.__name__
        if converter == "AnyConverter":
            values[name] = sorted(converter_object.items)[0]
        elif isinstance(converter_object, IntegerConverter):
            values[name] = world["initiative_id"] if "initiative" in name else 1
        elif name == "slug":
            values[name] = world["slug"]
        elif name == "fmt":
            values[name] = "txt"
        else:
            values[name] = "onbekend"
    url = rule.rule
    for name, value in values.items():
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(value), url)
    return url


def routes(app):
    """Flask-Security's own pages last: some of them (the code page) end a log-in that is
    not in progress, which would leave the persona logged out for the rest."""
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint.startswith("security."))
    for rule in rules:
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        methods = rule.methods - {"HEAD", "OPTIONS"}
        method = "GET" if "GET" in methods else "POST"
        yield rule, method


def client_as(app, persona, world):
    client = app.test_client()
    if persona != "anonymous":
        with app.app_context():
            account = db.session.merge(world["accounts"][persona])
            log_in_through_forms(client, account)
    return client


def csrf_token(client) -> str:
    from tests.accounts.support import form_fields

    return form_fields(client, "/wachtwoord-vergeten")["csrf_token"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_route_answers_each_role_as_the_doors_say(app, world, persona):
    client = client_as(app, persona, world)
    token = csrf_token(client)
    wrong = []
    for rule, method in routes(app):
        url = sample_url(rule, world)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token})
        response.get_data()  # read streamed bodies (open data) to the end
        status = response.status_code
        location = response.headers.get("Location", "")
        door = door_of(rule.rule)
        sent_to_log_in = status == 302 and "/inloggen" in location
        if status >= 500:
            wrong.append((method, url, status, "server error"))
        elif door is not None and persona == "anonymous" and not sent_to_log_in:
            wrong.append((method, url, status, "anonymous must be sent to log in"))
        elif door is not None and persona != "anonymous" and persona not in door and status != 403:
            wrong.append((method, url, status, f"only {sorted(door)} may enter"))
        elif door is not None and persona in door and (status == 403 or sent_to_log_in):
            wrong.append((method, url, status, f"{door} must be let in"))
        elif rule.rule.startswith(ACCOUNT_ONLY) and persona == "anonymous" and status == 200:
            wrong.append((method, url, status, "an account page is open to anonymous"))
        elif door is None and not rule.rule.startswith(ACCOUNT_ONLY) and status == 403:
            wrong.append((method, url, status, "a public route refuses a visitor"))
    assert not wrong, "\n".join(map(str, wrong))


def test_every_route_behind_a_door_declares_its_role(app):
    """The declaration on the view and the door by address agree, so a new view cannot be
    left open by forgetting ``roles_required``."""
    undeclared = []
    for rule, _method in routes(app):
        door = door_of(rule.rule)
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "required_roles", None)
        if door is not None and declared != door:
            undeclared.append((rule.rule, declared))
    assert not undeclared
