"""HTTP caching and compression: what a response costs on the wire and to make.

- ``compression``: Flask-Compress (brotli, gzip) for text, streamed downloads included;
- ``static_assets``: fingerprinted static URLs, cached for a year;
- ``versions``: the data version and the code version that pages are keyed on;
- ``page_cache``: validators (ETag, 304) on public pages and a per-process cache of the
  pages anonymous visitors see.
"""

from __future__ import annotations

from flask import Flask

from register.httpcache import compression, page_cache, static_assets


def init_app(app: Flask) -> None:
    """Register last: ``after_request`` hooks run in reverse order, so the page cache sees
    a page as its view made it and compression comes after everything else."""
    compression.init_app(app)
    static_assets.init_app(app)
    page_cache.init_app(app)
