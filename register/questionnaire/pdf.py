"""Tagged PDF (PDF/UA-1) of a rendered document template, made by WeasyPrint.

The document may only load files from ``static/``: the fetcher refuses every other URL, so
making a PDF never makes a network request and never reads files outside the static folder.

The fetcher and the parsed style sheet are made once per process and static folder (a
fetcher sets up a TLS context, which alone took tens of milliseconds per PDF); a changed
style sheet is picked up at the next start, like the rest of the code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.request import url2pathname

from flask import current_app
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

PDF_STYLESHEET = "css/questionnaire-document.css"


class StaticFileFetcher(URLFetcher):
    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self._root = root

    def fetch(self, url, headers=None):
        path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
        if not (url.startswith("file:") and path.is_relative_to(self._root)):
            raise ValueError(f"Only files under static/ may be used in a PDF, not {url!r}")
        return super().fetch(url, headers)


@cache
def _fetcher_and_stylesheet(static_dir: Path) -> tuple[StaticFileFetcher, CSS]:
    fetcher = StaticFileFetcher(static_dir)
    stylesheet = CSS(filename=str(static_dir / PDF_STYLESHEET), url_fetcher=fetcher)
    return fetcher, stylesheet


def render_pdf(html: str) -> bytes:
    static_dir = Path(current_app.static_folder).resolve()
    fetcher, stylesheet = _fetcher_and_stylesheet(static_dir)
    document = HTML(string=html, base_url=static_dir.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
