"""Builders and steps shared by the portal and moderation tests: Marieke's initiative and
accounts, and the editor's and staff's forms filled in the way a person does."""

from __future__ import annotations

from register.accounts.roles import RoleName
from register.extensions import db
from tests.accounts.support import form_fields
from tests.entries.pages import publish, read
from tests.factories import make_account, make_initiative

SAY_AT_LOCATION = "statement_say_at_location"
NEW_STATEMENT = "Bewoners en ouders beslissen samen in de bewonersraad over huisregels."


def marieke_setup():
    """De Linde (an initiative of parents) with two editors, a staff member and another
    initiative with its own editor; committed and indexed."""
    linde = make_initiative(
        name="Wooninitiatief De Linde",
        slug="de-linde",
        statements={
            "conscious_choice": "Wij bespreken het pgb vooraf met iedere familie.",
            "say_at_location": "De ouders vergaderen elk kwartaal.",
        },
    )
    other = make_initiative(name="Hofje Zonnewende", slug="zonnewende")
    marieke = make_account(RoleName.EDITOR, email="marieke@example.org", initiatives=[linde])
    second = make_account(RoleName.EDITOR, email="jeroen@example.org", initiatives=[linde])
    stranger = make_account(RoleName.EDITOR, email="ander@example.org", initiatives=[other])
    staff = make_account(RoleName.STAFF, email="medewerker@example.org")
    publish()
    return linde, other, marieke, second, stranger, staff


def edit_url(initiative_id: int) -> str:
    return f"/portaal/initiatieven/{initiative_id}/bewerken"


def edit_fields(client, initiative_id: int) -> dict:
    """The edit form as the page fills it (text areas and checked boxes included)."""
    response = client.get(edit_url(initiative_id))
    assert response.status_code == 200, response.status_code
    return form_data(response.get_data(as_text=True), edit_url(initiative_id))


def form_data(html: str, action: str) -> dict:
    """Every value a browser would send for the form posting to ``action``: inputs (checked
    boxes only), selected radios, text areas. Lists for repeated names."""
    from html.parser import HTMLParser

    data: dict[str, list[str]] = {}

    class Reader(HTMLParser):
        in_form = False
        textarea: str | None = None

        def handle_starttag(self, tag, attrs):
            a = {k: v or "" for k, v in attrs}
            if tag == "form":
                self.in_form = a.get("action") == action
            if not self.in_form:
                return
            if tag == "input" and "name" in a:
                if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                    return
                data.setdefault(a["name"], []).append(a.get("value", "y"))
            elif tag == "textarea":
                self.textarea = a["name"]
                data[a["name"]] = [""]

        def handle_endtag(self, tag):
            if tag == "form":
                self.in_form = False
            if tag == "textarea" and self.textarea:  # not one of another form
                name, self.textarea = self.textarea, None
                # Browsers drop the newline right after <textarea>.
                data[name][0] = data[name][0].removeprefix("\r\n").removeprefix("\n")

        def handle_data(self, text):
            if self.textarea:
                data[self.textarea][0] += text

    Reader().feed(html)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def marieke_changes(fields: dict) -> dict:
    """Add PREZO with its certificate number and end date, rewrite one statement, confirm."""
    fields = dict(fields)
    fields.update(
        {
            "mark_prezo": "y",
            "mark_prezo_number": "PREZO-2026-0042",
            "mark_prezo_valid_until": "2028-06-30",
            SAY_AT_LOCATION: NEW_STATEMENT,
            "confirm": "y",
        }
    )
    return fields


def approve(client, revision_id: int, **extra) -> object:
    url = f"/beheer/wijzigingen/{revision_id}"
    fields = form_fields(client, url, f"{url}/goedkeuren")
    fields.pop("outdated_seen", None)  # a box nobody ticked is not sent
    fields.update(extra)
    return client.post(f"{url}/goedkeuren", data=fields)


def reject(client, revision_id: int, reason: str) -> object:
    url = f"/beheer/wijzigingen/{revision_id}"
    fields = form_fields(client, url, f"{url}/afwijzen")
    fields["reason"] = reason
    return client.post(f"{url}/afwijzen", data=fields)


def page_text(client, url: str) -> str:
    return read(client.get(url)).text


def refresh(*rows):
    for row in rows:
        db.session.refresh(row)


def isolated(client):
    """Let ``client`` take turns with another test client in one test.

    The tests run inside one app context, which requests reuse; Flask-Login caches the
    logged-in account in ``g`` (Flask-WTF the CSRF token), so without this the second client
    would act as the first."""
    from flask import g

    original = client.open

    def open_forgetting_user(*args, **kwargs):
        g.pop("_login_user", None)
        g.pop("csrf_token", None)  # Flask-WTF caches the session's token there too
        return original(*args, **kwargs)

    client.open = open_forgetting_user
    return client


def second_client(app, account):
    """Another browser, logged in as ``account``."""
    from tests.accounts.support import log_in_through_forms

    client = isolated(app.test_client())
    log_in_through_forms(client, account)
    return client
