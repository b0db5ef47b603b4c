"""What a page costs over the wire: its HTML and everything it loads (stylesheets, scripts,
images, icons), each as a browser receives it (brotli-compressed where the site compresses).
Response headers are not counted. Shared by the page-weight tests and bench/page_weight.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

BUDGET = 60 * 1024  # bytes: issue 10's "every public page <= 60 KB over the wire"
ACCEPT = {"Accept-Encoding": "br, gzip"}
_ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/static/[^"]+)"')


@dataclass(frozen=True)
class Weight:
    url: str
    html: int
    assets: dict[str, int]

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


def page_weight(client, url: str) -> Weight:
    response = client.get(url, headers=ACCEPT)
    assert response.status_code == 200, (url, response.status_code)
    body = response.get_data()
    html = _decoded(response, body)
    assets = {}
    for asset in dict.fromkeys(_ASSET.findall(html.replace("&amp;", "&"))):
        loaded = client.get(asset, headers=ACCEPT)
        assert loaded.status_code == 200, (asset, loaded.status_code)
        assets[asset] = len(loaded.get_data())
    return Weight(url=url, html=len(body), assets=assets)


def _decoded(response, body: bytes) -> str:
    import gzip

    import brotli

    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode()
