"""Hostile requests over every route, as anonymous and as each role; used by
``tests/test_fuzz_routes.py`` (short, in CI) and ``bench/fuzz.py`` (the long run).

Each request is drawn from a seeded ``random.Random``: a route from ``app.url_map`` with real
or hostile path values, any method, a query string and a body (form, multipart, JSON, or
bytes under a wrong content type) with huge, malformed and unicode values, a valid, forged or
missing CSRF token, and bad headers (Host, cookies, Accept-Language, dates). The same seed
gives the same requests. A request that answers 5xx, or raises, is a failure.

Every request goes out on a fresh client that carries a copy of the persona's cookies, so a
request that logs out or ends a log-in cannot spoil the persona for the requests after it.
"""

from __future__ import annotations

import io
import json
import random
import re
import string
from collections import Counter
from dataclasses import dataclass, field

from werkzeug.routing import AnyConverter, IntegerConverter

from register.accounts.roles import RoleName
from register.extensions import db
from tests.accounts.support import log_in_through_forms
from tests.factories import make_account, make_initiative

PERSONAS = ("anonymous", *RoleName)
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")
# Parameter names the site reads somewhere; the fuzz adds names of its own.
KNOWN_NAMES = (
    "q", "near", "radius", "sort", "page", "lang", "next", "since", "after_id", "limit",
    "page_size", "province", "kind", "target_group", "funding", "association", "format",
    "fmt", "slug", "id", "email", "password", "name", "postcode", "place", "kvk_number",
    "agb_code", "location_number", "started_on", "capacity", "vacancy", "website", "code",
    "reason", "version", "token", "audience", "answers", "file", "confirm", "submit",
)  # fmt: skip
SPECIAL_VALUES = (
    "", " ", "0", "-1", "1e309", "NaN", "inf", "-0", "99999999999999999999999999",
    "2027-02-30", "0000-00-00", "9999-12-31T23:59:59+99:00", "1-1-1", "12345678",
    "000012345678", "7411 BT", "7411bt", "0000 AA", "../../etc/passwd", "%00", "\x00",
    "\r\nSet-Cookie: x=1", "<script>alert(1)</script>", "' OR 1=1 --", "{{7*7}}",
    "${jndi:ldap://x}", "=cmd|' /C calc'!A0", "☃" * 50, "\u202e\u200b\ufeff", "\ud800",
    "🏠" * 300, "a" * 10_000, "Deventer", "Hengelo (Gelderland)", "relevance", "distance",
    "AND OR ( * \" NOT", "javascript:alert(1)", "//evil.example/", "https://evil.example/",
    "true", "[]", "{}", "null", "1" * 400,
)  # fmt: skip
BAD_HOSTS = (
    "evil.example", "", "a" * 300, "localhost:99999", "[::1", "host with space",
    "xn--80ak6aa92e.com", "127.0.0.1:0", "локалхост", "localhost\r\nX: y",
)  # fmt: skip
CONTENT_TYPES = (
    "application/json", "text/xml", "text/plain", "application/octet-stream",
    "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=bogus",
    "multipart/form-data", "multipart/form-data; boundary=", "image/png", "*/*", ";;;",
)  # fmt: skip
HEADER_VALUES = (
    "", "a" * 8000, "☃", "\x7f", "gzip, deflate, br;q=x", "nl;q=abc, en;q=", "*",
    "Wed, 31 Feb 2027 99:99:99 GMT", "bytes=999999999-0", "bytes=abc", "-1",
)  # fmt: skip
HEADER_NAMES = (
    "Accept-Language", "Accept", "Accept-Encoding", "If-Modified-Since", "If-None-Match",
    "Range", "Referer", "Origin", "X-Forwarded-For", "X-Forwarded-Proto", "X-Requested-With",
    "User-Agent", "Authorization", "X-CSRFToken",
)  # fmt: skip


@dataclass
class Persona:
    name: str
    cookies: list = field(default_factory=list)  # werkzeug Cookie objects to copy
    csrf: str = ""


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)  # "2xx" ... "5xx", "crash"
    failures: list[str] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return self.counts["5xx"] + self.counts["crash"]


def make_world(app) -> dict:
    """An initiative the editor edits and one account per role, committed."""
    from sqlalchemy import select

    from register.entries.models import Association

    with app.app_context():
        initiative = make_initiative(name="Fuzzhuis", slug="fuzzhuis")
        accounts = {
            role: make_account(role, initiatives=[initiative] if role == RoleName.EDITOR else ())
            for role in RoleName
        }
        accounts[RoleName.VERIFIER].association = db.session.scalar(select(Association))
        db.session.commit()
        return {
            "initiative_id": initiative.id,
            "slug": initiative.slug,
            "accounts": {role: account.id for role, account in accounts.items()},
        }


def personas(app, world) -> list[Persona]:
    """Anonymous and each role, logged in through the forms, with a CSRF token each."""
    from register.accounts.models import Account
    from tests.accounts.support import form_fields

    found = []
    for name in PERSONAS:
        client = app.test_client()
        if name != "anonymous":
            with app.app_context():
                account = db.session.get(Account, world["accounts"][name])
                log_in_through_forms(client, account)
        csrf = form_fields(client, "/wachtwoord-vergeten")["csrf_token"]
        found.append(Persona(str(name), list(client._cookies.values()), csrf))
    return found


def _client_for(app, persona: Persona):
    client = app.test_client()
    for cookie in persona.cookies:
        client.set_cookie(
            cookie.key, cookie.value, domain=cookie.domain or "localhost", path=cookie.path
        )
    return client


def _value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(SPECIAL_VALUES)
    if roll < 0.8:
        alphabet = string.printable + "éëïâ€ß…“”\u0301\u00a0"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
    if roll < 0.9:
        return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 30)))
    return rng.choice(SPECIAL_VALUES) * rng.randint(2, 50)


def _safe(text: str) -> str:
    """Text a WSGI environ can carry (lone surrogates cannot be encoded)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _path_value(rng: random.Random, name: str, converter, world: dict) -> str:
    whole = isinstance(converter, IntegerConverter)
    if rng.random() < 0.5:
        if whole:
            return str(world["initiative_id"] if "initiative" in name else rng.randint(0, 3))
        if name == "slug":
            return world["slug"]
    if whole:
        return rng.choice(("0", str(2**63), "99999999999999999999", "1", "2"))
    return rng.choice(("onbekend", "a" * 2000, "%2e%2e%2f", "☃", "%00", "txt", "json", "csv"))


def _url(rng: random.Random, rule, world: dict) -> str:
    url = rule.rule
    for name in rule.arguments:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter) and rng.random() < 0.7:
            value = rng.choice(sorted(converter.items))
        else:
            value = _path_value(rng, name, converter, world)
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", value.replace("\\", "\\\\"), url)
    return url


def _pairs(rng: random.Random, names: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for _ in range(rng.randint(0, 8)):
        name = rng.choice(names) if rng.random() < 0.85 else _value(rng)[:40]
        pairs.append((_safe(name), _safe(_value(rng))))
    if rng.random() < 0.05:  # very many parameters
        pairs.extend((rng.choice(names), "x") for _ in range(2000))
    return pairs


def build_request(rng: random.Random, app, world: dict, persona: Persona) -> dict:
    """Keyword arguments for ``client.open``: one hostile request."""
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static" or rng.random() < 0.1]
    rule = rng.choice(rules)
    allowed = sorted(rule.methods - {"HEAD", "OPTIONS"})
    method = rng.choice(allowed) if rng.random() < 0.8 else rng.choice(METHODS)
    names = list(KNOWN_NAMES)
    request: dict = {"path": _url(rng, rule, world), "method": method}
    request["query_string"] = _pairs(rng, names) if rng.random() < 0.6 else None
    if rng.random() < 0.05:  # a raw query string the test client would not encode
        request["path"] += "?" + rng.choice(("%", "%zz=1", "&&&==", "a=%ff%fe", "a" * 9000))
        request["query_string"] = None

    headers = []
    if rng.random() < 0.15:
        headers.append(("Host", rng.choice(BAD_HOSTS)))
    for _ in range(rng.randint(0, 3)):
        headers.append((rng.choice(HEADER_NAMES), rng.choice(HEADER_VALUES)))
    if rng.random() < 0.05:
        headers.append(("Cookie", rng.choice(("session=garbage", "session=" + "A" * 5000, "=;"))))
    request["headers"] = [(k, _safe(v).replace("\r", "").replace("\n", "")) for k, v in headers]

    if method in ("POST", "PUT", "PATCH", "DELETE") or rng.random() < 0.1:
        _body(rng, request, names, persona)
    return request


def _body(rng: random.Random, request: dict, names: list[str], persona: Persona) -> None:
    csrf_roll = rng.random()
    fields = _pairs(rng, names)
    if csrf_roll < 0.5:
        fields.append(("csrf_token", persona.csrf))
    elif csrf_roll < 0.8:
        fields.append(("csrf_token", rng.choice(("forged", persona.csrf[::-1], "", "a" * 500))))
    kind = rng.random()
    if kind < 0.55:
        request["data"] = dict(fields) if rng.random() < 0.5 else _multidict(fields)
    elif kind < 0.7:
        data = _multidict(fields)
        upload = bytes(rng.randrange(256) for _ in range(rng.randint(0, 4096)))
        name = rng.choice(("file", "bestand", "upload", "csv"))
        filename = rng.choice(("a.csv", "../../x.csv", "☃.xlsx", "", "a" * 300 + ".csv"))
        data.add(name, (io.BytesIO(upload), filename))
        request["data"] = data
        request["content_type"] = "multipart/form-data"
    elif kind < 0.85:
        request["data"] = json.dumps(dict(fields) if rng.random() < 0.7 else [_value(rng)])
        request["content_type"] = "application/json"
    else:
        raw = rng.choice((b"", b"\xff\xfe\x00", b"a=%zz&b=%", b"{", b"--x\r\n", b"a=1&" * 5000))
        request["data"] = raw
        request["content_type"] = rng.choice(CONTENT_TYPES)


def _multidict(pairs):
    from werkzeug.datastructures import MultiDict

    return MultiDict(pairs)


def _short(value, limit: int = 80):
    if isinstance(value, str | bytes):
        if len(value) <= limit:
            return value
        return value[:limit] + ("..." if isinstance(value, str) else b"...")
    if isinstance(value, list | tuple):
        return type(value)(_short(item) for item in value[:12])
    if hasattr(value, "items") and not isinstance(value, dict):
        return [(_short(k), _short(v)) for k, v in list(value.items(multi=True))[:12]]
    if isinstance(value, dict):
        return {_short(k): _short(v) for k, v in list(value.items())[:12]}
    return value


def describe(persona: Persona, request: dict) -> str:
    """The request, with long values cut short, to read and to replay by hand."""
    return f"as {persona.name}: {_short({k: v for k, v in request.items() if v})}"


def run(app, world: dict, requests: int, seed: int) -> Outcome:
    """``requests`` hostile requests spread over the personas; counts per status class."""
    rng = random.Random(seed)
    everyone = personas(app, world)
    outcome = Outcome()
    for _ in range(requests):
        persona = rng.choice(everyone)
        request = build_request(rng, app, world, persona)
        client = _client_for(app, persona)
        try:
            response = client.open(**request)
            response.get_data()  # streamed bodies fail only when read
            response.close()  # as a WSGI server does, also for a HEAD's unread stream
            status = response.status_code
        except Exception as error:  # noqa: BLE001 - a crash is what this looks for
            outcome.counts["crash"] += 1
            outcome.failures.append(f"{type(error).__name__}: {error} {describe(persona, request)}")
            continue
        outcome.counts[f"{status // 100}xx"] += 1
        if status >= 500:
            outcome.failures.append(f"{status} {describe(persona, request)}")
    return outcome
