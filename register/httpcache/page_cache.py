"""Validators and a per-process cache for the public pages anonymous visitors see.

A page is *cacheable* when it is one of ``CACHED_ENDPOINTS``, asked with GET or HEAD by a
visitor who is not logged in and whose session holds nothing but a CSRF token, and answered
200 without a cookie of its own. Such a page is a function of its *key*: the data version
(``versions.data_version``), the host and full path with the query, the language, the demo
notice and the code version. So:

- it carries a weak ETag derived from the key, and a conditional GET that matches gets a
  304 (``Cache-Control: no-cache``: browsers and proxies keep it but ask every time);
- its body is kept in a bounded LRU cache (``PAGE_CACHE_SIZE`` pages per process) and the
  next request with the same key is answered from there without rendering.

The one per-visitor element such a page may hold is the CSRF token of its forms (the compare
basket's buttons). It is cut out before the page is stored and each visitor's own token is
put in its place when the page is served; the ETag then also names the visitor's token and
the page is ``private``. Every other page of a visitor with a session (basket, flash
messages, a question list) or of a logged-in account is rendered afresh and marked private
(``no-store`` for accounts) so that no shared cache keeps it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from register import PROJECT_ROOT
from register.httpcache.versions import DataVersion, code_version
from register.i18n import select_locale
from register.search.searchers import index_version

EXTENSION = "page_cache"
CACHED_ENDPOINTS = frozenset(
    {
        "pages.home",
        "pages.about",
        "pages.privacy",
        "pages.accessibility",
        "pages.open_data",
        "entries.index",
        "entries.detail",
        "api.initiatives",
        "api.initiative",
        "api.openapi",
    }
)
# Pages whose answer also depends on this server's search index, which follows the database
# a moment later (the search sync): their key holds the index's own version too, or a page
# rendered in between would be kept under the new data version with the old results.
SEARCH_ENDPOINTS = frozenset({"entries.index", "api.initiatives"})
# What a session may hold for its pages to be shared: the CSRF token is cut out of them, and
# Flask-Login marks any non-empty session of a visitor who never logged in ``_fresh: False``.
_SHAREABLE_SESSION_KEYS = frozenset({"csrf_token", "_fresh"})
_TOKEN_MARK = b"__page_cache_csrf_token__"
_NOT_STORED = frozenset({"Content-Length", "ETag", "Set-Cookie", "Cache-Control", "Vary"})


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    headers: tuple[tuple[str, str], ...]
    has_token: bool


class PageCache:
    """A bounded LRU of rendered pages, shared by the threads of one process (size 0: keeps
    none), with the data version and demo notice the pages are keyed on."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, CachedPage] = OrderedDict()
        self._lock = threading.Lock()
        self._banner: tuple[tuple, bool] | None = None
        self.data_version = DataVersion()

    def get(self, key: tuple) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: CachedPage) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)

    def demo_banner(self, version: tuple) -> bool:
        """Whether pages show the demo notice: a query, so asked once per data version."""
        from register.pages.demo import demo_data_loaded

        known = self._banner
        if known is None or known[0] != version:
            known = self._banner = (version, demo_data_loaded())
        return known[1]


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]


def _session_is_shareable() -> bool:
    return set(session.keys()) <= _SHAREABLE_SESSION_KEYS


def _anonymous() -> bool:
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return (
        remember_cookie not in request.cookies
        and _session_is_shareable()
        and not current_user.is_authenticated
    )


def _page_key(cache: PageCache) -> tuple:
    version = cache.data_version()
    banner = cache.demo_banner(version)
    return (
        version,
        request.host_url,
        request.path,
        request.query_string,
        select_locale(),
        banner,
        code_version(PROJECT_ROOT),
        index_version() if request.endpoint in SEARCH_ENDPOINTS else None,
    )


def _serve_cached() -> Response | None:
    if (
        request.method not in ("GET", "HEAD")
        or request.endpoint not in CACHED_ENDPOINTS
        or not _anonymous()
    ):
        return None
    cache = current_app.extensions[EXTENSION]
    g.page_key = _page_key(cache)
    page = cache.get(g.page_key)
    if page is None:
        return None
    g.cached_page = page
    body = page.body
    if page.has_token:
        body = body.replace(_TOKEN_MARK, generate_csrf().encode())
    return current_app.response_class(body, headers=list(page.headers))


def _store_and_validate(response: Response) -> Response:
    key = g.get("page_key")
    if (
        key is None
        or response.status_code != 200
        or response.is_streamed
        or "Set-Cookie" in response.headers
        or not _session_is_shareable()
    ):
        return _keep_private(response)
    page = g.get("cached_page")
    cache = current_app.extensions[EXTENSION]
    if page is None:
        page = _cut_out_token(response)
        cache.put(key, page)
    response.headers["X-Page-Cache"] = "hit" if g.get("cached_page") else "miss"
    etag = _digest(key)
    if page.has_token:
        etag += "-" + _digest(session.get("csrf_token"))
    response.set_etag(etag, weak=True)
    response.headers.setdefault(
        "Cache-Control", "private, no-cache" if page.has_token else "no-cache"
    )
    return response.make_conditional(request)


def _cut_out_token(response: Response) -> CachedPage:
    body = response.get_data()
    token = g.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    has_token = bool(token) and token.encode() in body
    if has_token:
        body = body.replace(token.encode(), _TOKEN_MARK)
    headers = tuple((k, v) for k, v in response.headers.items() if k not in _NOT_STORED)
    return CachedPage(body=body, headers=headers, has_token=has_token)


def _keep_private(response: Response) -> Response:
    """No shared cache keeps a page of an account or of a visitor with a session."""
    if response.mimetype != "text/html" or "Cache-Control" in response.headers:
        return response
    if current_user.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"
    elif session:
        response.headers["Cache-Control"] = "private, no-cache"
    return response


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = PageCache(app.config["PAGE_CACHE_SIZE"])
    app.before_request(_serve_cached)
    app.after_request(_store_and_validate)
