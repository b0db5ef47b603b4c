"""Text is sent compressed (brotli, else gzip), streamed downloads included; what is
compressed already is sent as it is."""

from __future__ import annotations

import gzip

import brotli
import pytest
from flask import Response

from register.extensions import compress, db
from tests.factories import make_initiative

CSV_URL = "/open-data/initiatieven.csv"

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.fixture
def initiatives(app_context):
    for _ in range(30):
        make_initiative()
    db.session.commit()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_page_is_sent_compressed(client, initiatives, encoding):
    plain = client.get("/initiatieven")
    packed = client.get("/initiatieven", headers={"Accept-Encoding": encoding})

    assert packed.headers["Content-Encoding"] == encoding
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert "Accept-Encoding" in packed.headers["Vary"]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize("url", [CSV_URL, "/open-data/initiatieven.json"])
def test_a_streamed_download_is_compressed_as_it_streams(client, initiatives, encoding, url):
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": f"{encoding}, identity"})

    assert packed.is_streamed
    assert packed.headers["Content-Encoding"] == encoding
    assert "Content-Length" not in packed.headers
    body = DECODE[encoding](packed.get_data())
    # The same rows; only the JSON's "generated_at" moment may differ.
    assert body.splitlines()[1:] == plain.get_data().splitlines()[1:]


def test_a_compressed_download_asked_again_with_its_etag_is_304(client, initiatives):
    first = client.get(CSV_URL, headers={"Accept-Encoding": "br"})
    first.get_data()
    again = client.get(
        CSV_URL, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]}
    )

    assert again.status_code == 304


@pytest.mark.parametrize("mimetype", ["application/pdf", "image/png", "application/zip"])
def test_what_is_compressed_already_is_sent_as_it_is(app, mimetype):
    with app.test_request_context(headers={"Accept-Encoding": "br, gzip"}):
        response = compress.after_request(Response(b"%PDF" * 1000, mimetype=mimetype))

    assert "Content-Encoding" not in response.headers
    assert response.get_data() == b"%PDF" * 1000
