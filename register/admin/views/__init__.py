"""The ``admin`` blueprint (``/beheer``): one module per page group."""

from register.admin.views import access_requests, accounts, home  # noqa: F401  (routes)
from register.admin.views.blueprint import bp

__all__ = ["bp"]
