"""Static files are addressed by their content and cached for a year; without the current
fingerprint they are cached briefly."""

from __future__ import annotations

import re
from pathlib import Path

from flask import url_for

from register import PROJECT_ROOT
from register.httpcache.static_assets import IMMUTABLE, fingerprints


def test_a_static_url_carries_the_hash_of_the_content(app):
    with app.test_request_context():
        url = url_for("static", filename="css/site.css")

    assert re.fullmatch(r"/static/css/site\.css\?v=[0-9a-f]{12}", url)


def test_the_fingerprint_changes_with_the_content(tmp_path):
    style = tmp_path / "css" / "site.css"
    style.parent.mkdir()
    style.write_text("body { color: black }")
    before = fingerprints(tmp_path)["css/site.css"]
    style.write_text("body { color: navy }")

    assert fingerprints(tmp_path)["css/site.css"] != before


def test_a_fingerprinted_file_is_cached_for_a_year(app, client):
    with app.test_request_context():
        url = url_for("static", filename="css/site.css")
    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert IMMUTABLE == "public, max-age=31536000, immutable"


def test_a_file_without_its_current_fingerprint_is_cached_briefly(app, client):
    for url in ("/static/css/site.css", "/static/css/site.css?v=0123456789ab"):
        response = client.get(url)

        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=300"


def test_pages_link_their_assets_by_fingerprint(client):
    page = client.get("/").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)

    assert assets
    assert all("?v=" in asset for asset in assets)


def test_stylesheets_refer_to_no_other_static_file():
    """A url(...) or @import inside a stylesheet could not carry a fingerprint: a changed
    image or stylesheet would stay cached under its old address for a year."""
    for path in Path(PROJECT_ROOT, "static").rglob("*.css"):
        text = path.read_text()
        references = re.findall(r"url\(\s*['\"]?(?!data:)([^'\")]+)", text)
        assert not references, (path, references)
        assert "@import" not in text, path
