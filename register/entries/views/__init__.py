"""Public register pages (HTTP only). One module per page, all on the blueprint ``bp``:

- ``search``: the list with search and filters, /initiatieven.
- ``detail``: one initiative; former slugs redirect, withdrawn entries answer 410.
- ``compare``: the comparison page and its basket in the session.
"""

from register.entries.views import compare, detail, search  # noqa: F401 (they add routes)
from register.entries.views.blueprint import bp

__all__ = ["bp"]
