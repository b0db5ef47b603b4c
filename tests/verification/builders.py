"""Builders and actions for the verification tests."""

from __future__ import annotations

from register.accounts.roles import RoleName
from register.entries.models import Association
from tests.accounts.support import form_fields
from tests.factories import by_key, make_account


def verifier_of(association: str = "bvkz", **kwargs):
    return make_account(RoleName.VERIFIER, association=by_key(Association, association), **kwargs)


def send_decision(client, url: str, decision: str | None, reason: str = "", csrf: bool = True):
    """Fill in and send the decision form on ``url`` as a person would."""
    fields = form_fields(client, url)
    data = {"csrf_token": fields["csrf_token"]} if csrf else {}
    if decision is not None:
        data["decision"] = decision
    data["reason"] = reason
    data["submit"] = fields.get("submit", "Beslissing opslaan")
    return client.post(url, data=data)
