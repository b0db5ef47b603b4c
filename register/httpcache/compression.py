"""Compression of text responses with Flask-Compress (brotli, else gzip).

Only the types in ``COMPRESS_MIMETYPES`` (config) are compressed: PDFs, PNGs and zip files
are compressed already. Streamed downloads (the open-data files) are compressed chunk by
chunk as they stream (``COMPRESS_STREAMS``), so a download never sits whole in memory.
"""

from __future__ import annotations

from flask import Flask

from register.extensions import compress


def init_app(app: Flask) -> None:
    compress.init_app(app)
