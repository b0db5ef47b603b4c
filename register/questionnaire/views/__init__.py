"""Gesprek eigen regie: the personal question-list builder (HTTP only; the rules are in
``register.questionnaire.services``). One module per area, all on the blueprint ``bp``:

- ``wizard``: the start page and the steps, each a plain form: GET shows it with the current
  choices, POST checks and stores them in the session and redirects (so back and refresh are
  safe). Nothing is stored on the server until the person presses "Bewaar mijn lijst".
- ``result``: the finished list from the session, its downloads, and saving it.
- ``saved``: a saved list behind its link: view, download, edit, delete.
- ``link_mail``: mailing a saved list's link to the person.
- ``conversation``: conversation mode of a saved list.
- ``comparison``: the comparison of its conversations.
"""

from register.questionnaire.views import (  # noqa: F401 (importing them adds their routes)
    comparison,
    conversation,
    link_mail,
    result,
    saved,
    wizard,
)
from register.questionnaire.views.blueprint import bp

__all__ = ["bp"]
