"""Twenty people at once on the same three entries, through HTTP on two app servers:
sixteen editors keep saving a statement of their initiative through the portal while four
staff approve whatever waits in the moderation queue.

Nothing is lost: no two edits of one entry are ever pending at once, every edit that was
replaced was replaced by someone whose form showed it, the published text is that of the
last approval, every conflict reaches the person as a message (never a 500), and afterwards
each server's search index agrees with the database (``flask search check``).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.entries.models import Initiative
from register.extensions import db
from register.portal.models import Revision, RevisionKind, RevisionStatus
from register.portal.values import entry_values
from tests.entries.pages import publish
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative
from tests.portal.builders import SAY_AT_LOCATION, edit_url, form_data
from tests.resilience.processes import AppServer, Browser, logged_in
from tests.test_multiserver_processes import drift_exit_code

INITIATIVES = 3
EDITORS = 16
STAFF = 4
ROUNDS = 3  # saves per editor
STAFF_PASSES = 6  # times each staff member works through the queue
REQUIREMENT = SAY_AT_LOCATION.removeprefix("statement_")
EDITOR_CONFLICT = "Iemand anders heeft intussen iets opgeslagen"
STAFF_CONFLICT = "De gegevens zijn intussen veranderd"
ALREADY_DECIDED = "Over deze wijziging is al besloten."
SENT = "Uw wijzigingen zijn verstuurd."
DRIFT_TIMEOUT = 10


@dataclass(frozen=True)
class Save:
    initiative_id: int
    seen: str  # the statement the editor's form showed
    written: str


@pytest.fixture
def people(app):
    """Three initiatives, editors spread over them, staff; their e-mail addresses."""
    with app.app_context():
        initiatives = [make_initiative(name=f"Woongroep {n}") for n in range(INITIATIVES)]
        editors = [
            make_account(RoleName.EDITOR, initiatives=[initiatives[n % INITIATIVES]])
            for n in range(EDITORS)
        ]
        staff = [make_account(RoleName.STAFF) for _ in range(STAFF)]
        publish()
        return (
            [i.id for i in initiatives],
            [(e.email, e.initiatives[0].id) for e in editors],
            [(s.email, s.tf_totp_secret) for s in staff],
        )


@pytest.fixture
def servers(app, tmp_path):
    pair = [AppServer(app, tmp_path, name, SEARCH_SYNC_INTERVAL="0.2") for name in "ab"]
    try:
        for server in pair:
            server.start()
        yield pair
    finally:
        for server in pair:
            server.stop()
            print(f"--- {server.url} (tail) ---\n{server.log()}")  # shown when a test fails


def log_in(server: AppServer, email: str, totp_secret: str | None = None) -> Browser:
    return logged_in(server.url, email, DEFAULT_PASSWORD, totp_secret)


def statement(fields: dict) -> str:
    return fields.get(SAY_AT_LOCATION, "")


class Outcomes:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.saves: list[Save] = []
        self.approved: list[int] = []

    def count(self, kind: str) -> None:
        with self.lock:
            self.counts[kind] += 1


def editor(server: AppServer, email: str, initiative_id: int, outcomes: Outcomes) -> None:
    browser = log_in(server, email)
    url = edit_url(initiative_id)
    for round_ in range(ROUNDS):
        written = f"Besloten door {email} in ronde {round_}: huisregels samen in de bewonersraad."
        while True:
            page = browser.get(url)
            assert page.status == 200, (url, page.status)
            fields = form_data(page.text, url)
            answer = browser.request(url, {**fields, SAY_AT_LOCATION: written})
            if answer.status != 409:
                break
            # Told that someone else saved meanwhile; as a person would, start again from
            # the page as it is now.
            assert EDITOR_CONFLICT in answer.text
            outcomes.count("editor saw a conflict")
        assert answer.status == 302, (answer.status, answer.text[:2000])
        assert SENT in browser.get("/portaal").text
        with outcomes.lock:
            outcomes.saves.append(Save(initiative_id, statement(fields), written))


def staff_member(server: AppServer, email: str, secret: str, outcomes: Outcomes) -> None:
    browser = log_in(server, email, secret)
    for _ in range(STAFF_PASSES):
        queue = browser.get("/beheer/wijzigingen")
        assert queue.status == 200, queue.status
        for revision_id in dict.fromkeys(
            re.findall(r'href="/beheer/wijzigingen/(\d+)"', queue.text)
        ):
            approve(browser, int(revision_id), outcomes)


def approve(browser: Browser, revision_id: int, outcomes: Outcomes) -> None:
    url = f"/beheer/wijzigingen/{revision_id}"
    page = browser.get(url)
    assert page.status == 200, page.status
    fields = form_data(page.text, f"{url}/goedkeuren")
    if not fields:
        return  # decided meanwhile: the page offers no form
    answer = browser.request(f"{url}/goedkeuren", fields)
    if answer.status == 409:
        assert STAFF_CONFLICT in answer.text
        outcomes.count("staff saw a changed entry")
        fields = {**form_data(answer.text, f"{url}/goedkeuren"), "outdated_seen": "y"}
        answer = browser.request(f"{url}/goedkeuren", fields)
    assert answer.status == 303, (answer.status, answer.text[:2000])
    if answer.headers["Location"].endswith(url):
        assert ALREADY_DECIDED in browser.get(url).text
        outcomes.count("staff found it decided")
    else:
        with outcomes.lock:
            outcomes.approved.append(revision_id)


def test_twenty_editors_and_staff_at_once_lose_nothing(app, people, servers):
    initiative_ids, editors, staff = people
    outcomes = Outcomes()
    spread = itertools.cycle(servers)
    with ThreadPoolExecutor(max_workers=EDITORS + STAFF) as pool:
        work = [pool.submit(editor, next(spread), e, i, outcomes) for e, i in editors]
        work += [pool.submit(staff_member, next(spread), e, s, outcomes) for e, s in staff]
        for done in work:
            done.result()  # a failed assertion in a thread fails the test
    # What was still waiting gets approved now, one at a time.
    closing = log_in(servers[0], staff[0][0], staff[0][1])
    with app.app_context():
        waiting = db.session.scalars(
            select(Revision.id).where(Revision.status == RevisionStatus.PENDING)
        ).all()
    for revision_id in waiting:
        approve(closing, revision_id, outcomes)
    print(
        dict(outcomes.counts),
        f"saves: {len(outcomes.saves)}",
        f"approved: {len(outcomes.approved)}",
    )

    assert len(outcomes.saves) == EDITORS * ROUNDS
    with app.app_context():
        for initiative_id in initiative_ids:
            check_entry(initiative_id, outcomes)
    for server in servers:
        assert server.process.poll() is None
        assert "Error on request" not in server.log_path.read_text()
        assert seconds_until_no_drift(app, server) < DRIFT_TIMEOUT


def seconds_until_no_drift(app, server: AppServer) -> float:
    """The servers apply the last approvals in the background within a second or so."""
    started = time.monotonic()
    while drift_exit_code(app, server.index) != 0:
        assert time.monotonic() - started < DRIFT_TIMEOUT, f"drift on {server.url}"
        time.sleep(0.5)
    return time.monotonic() - started


def published_statement(initiative: Initiative) -> str:
    return (entry_values(initiative)["statements"] or {}).get(REQUIREMENT, "")


def proposed_statement(revision: Revision) -> str:
    return (revision.proposed["statements"] or {}).get(REQUIREMENT, "")


def check_entry(initiative_id: int, outcomes: Outcomes) -> None:
    initiative = db.session.get(Initiative, initiative_id)
    revisions = db.session.scalars(
        select(Revision)
        .where(Revision.initiative_id == initiative_id, Revision.kind == RevisionKind.EDIT)
        .order_by(Revision.created_at, Revision.id)
    ).all()
    saves = {s.written: s for s in outcomes.saves if s.initiative_id == initiative_id}
    history = "\n".join(
        f"{r.id} {r.status.value} {r.created_at} {r.decided_at} {proposed_statement(r)[15:45]!r}"
        f" seen {saves.get(proposed_statement(r), Save(0, '', '')).seen[15:45]!r}"
        for r in revisions
    )
    assert sorted(proposed_statement(r) for r in revisions) == sorted(saves)
    for earlier, later in itertools.pairwise(revisions):
        # Never two edits of one entry waiting at once.
        assert earlier.decided_at is not None and earlier.decided_at <= later.created_at, (
            f"revisions {earlier.id} and {later.id} were pending at the same time\n{history}"
        )
        if earlier.status == RevisionStatus.SUPERSEDED:
            # Replaced only by an editor whose form showed it.
            assert saves[proposed_statement(later)].seen == proposed_statement(earlier), (
                f"revision {later.id} replaced {earlier.id} without its editor seeing it\n{history}"
            )
    assert all(r.status != RevisionStatus.PENDING for r in revisions)
    approved = [r for r in revisions if r.status == RevisionStatus.APPROVED]
    assert approved, "nothing was approved"
    last = max(approved, key=lambda r: (r.decided_at, r.id))
    assert published_statement(initiative) == proposed_statement(last)


def test_editors_asking_at_once_to_withdraw_an_entry_make_one_request(app, people, servers):
    initiative_id = people[0][0]
    emails = [email for email, own in people[1] if own == initiative_id]
    url = f"/portaal/initiatieven/{initiative_id}/uitschrijven"
    browsers = [log_in(servers[n % 2], email) for n, email in enumerate(emails)]
    forms = [form_data(browser.get(url).text, url) for browser in browsers]
    start = threading.Barrier(len(browsers))

    def ask(browser: Browser, fields: dict) -> int:
        start.wait()
        return browser.request(url, {**fields, "reason": "We stoppen met wonen en zorg."}).status

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        statuses = list(pool.map(ask, browsers, forms))

    assert statuses == [303] * len(browsers)
    with app.app_context():
        requests = db.session.scalars(
            select(Revision).where(
                Revision.initiative_id == initiative_id,
                Revision.kind == RevisionKind.WITHDRAWAL,
                Revision.status == RevisionStatus.PENDING,
            )
        ).all()
    assert len(requests) == 1
