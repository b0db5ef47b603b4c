"""Logging in the way a person does: the log-in form, then the code from the app."""

from __future__ import annotations

from register.accounts.setup import security
from tests.entries.pages import read
from tests.factories import DEFAULT_PASSWORD


def form_fields(client, url: str, action: str | None = None) -> dict[str, str]:
    """The fields (hidden ones included) of the form on ``url`` that posts to ``action``."""
    response = client.get(url)
    assert response.status_code == 200, (
        url,
        response.status_code,
        response.headers.get("Location"),
    )
    page = read(response)
    action = action or url
    for form in page.forms:
        if form.action.split("?")[0] == action:
            return dict(form.fields)
    raise AssertionError(f"no form to {action} on {url}: {[f.action for f in page.forms]}")


def current_totp(account) -> str:
    return security.totp_factory.generate_totp_password(account.tf_totp_secret)


def log_in_through_forms(client, account, password: str | None = None):
    fields = form_fields(client, "/inloggen")
    fields.update(email=account.email, password=password or DEFAULT_PASSWORD)
    response = client.post("/inloggen", data=fields)
    if account.tf_primary_method:
        fields = form_fields(client, "/inloggen/code")
        fields["code"] = current_totp(account)
        response = client.post("/inloggen/code", data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def log_out(client) -> None:
    """Press the log-out button (a POST with the CSRF token, as in the page header)."""
    fields = form_fields(client, "/account", "/uitloggen")
    response = client.post("/uitloggen", data=fields)
    assert response.status_code == 302, response.status_code
