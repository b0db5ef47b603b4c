"""What more than one register page needs: the published initiative or a 404 that says why."""

from __future__ import annotations

from flask_babel import gettext as _
from werkzeug.exceptions import NotFound

from register.entries import queries
from register.entries.models import Initiative


def initiative_or_404(slug: str) -> Initiative:
    initiative = queries.published_by_slug(slug)
    if initiative is None:
        raise not_found(
            _(
                "Dit initiatief staat niet (meer) in het register. "
                "Zoek het opnieuw op naam of plaats."
            )
        )
    return initiative


def not_found(message: str) -> NotFound:
    error = NotFound()
    error.user_message = message
    return error
