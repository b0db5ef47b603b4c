"""Applying a batch writes exactly what the dry run showed, with change log, provenance and
audit entries; it refuses a second time and when the register changed meanwhile."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from sqlalchemy import func, select

from register.audit.models import AuditEntry
from register.entries.models import ChangeAction, ChangeLogEntry, Initiative, Source
from register.entries.public import register_today
from register.entries.services import record_change
from register.extensions import db
from register.importer.models import ImportBatch, ImportStatus
from register.search.query import text_search
from tests.entries.pages import read
from tests.factories import make_initiative
from tests.importer.builders import apply, batch_url, csv_bytes, new_row, press, upload


def initiative_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Initiative))


def by_name(name: str) -> Initiative | None:
    return db.session.scalar(select(Initiative).where(Initiative.name == name))


def mixed_file(linde: Initiative) -> bytes:
    return csv_bytes(
        [
            new_row(name="Het Klaverblad", kvk_number="87654321"),  # row 2: add
            {"slug": linde.slug, "capacity": "14", "vacancy": "full"},  # row 3: change
            new_row(name="De Tweeling", kvk_number=linde.kvk_number),  # row 4: duplicate
            new_row(name="Kapot", postcode="12"),  # row 5: reject
        ]
    )


def test_apply_writes_exactly_the_dry_run_result(staff_client):
    linde = make_initiative(capacity=12)
    db.session.commit()
    count = initiative_count()
    url = batch_url(upload(staff_client, mixed_file(linde)))

    response = apply(staff_client, url)

    assert response.status_code == 302 and response.headers["Location"] == url
    db.session.expire_all()
    assert initiative_count() == count + 1
    added = by_name("Het Klaverblad")
    assert added.slug == "het-klaverblad-deventer"
    assert (added.kind.key, added.capacity, added.vacancy.value) == (
        "relatives_residents",
        8,
        "places_free",
    )
    assert (added.municipality, added.province, added.postcode) == (
        "Deventer",
        "Overijssel",
        "7411 CH",
    )
    assert [g.key for g in added.target_groups] == ["autism"]
    assert [f.key for f in added.funding_routes] == ["pgb_wlz", "vpt"]
    assert not added.is_demo and added.is_published
    changed = db.session.get(Initiative, linde.id)
    assert (changed.capacity, changed.vacancy.value) == (14, "full")
    assert by_name("De Tweeling") is None and by_name("Kapot") is None
    page = read(staff_client.get(url))
    assert "De import is toegepast." in page.text
    assert "Toegepast" in page.text
    assert page.link("Het Klaverblad") == f"/initiatieven/{added.slug}"
    assert not page.forms_to(f"{url}/toepassen")


def test_each_initiative_is_in_the_change_log_as_an_import_by_the_staff_member(staff_client, staff):
    linde = make_initiative(capacity=12)
    db.session.commit()
    url = batch_url(upload(staff_client, mixed_file(linde)))
    apply(staff_client, url)
    entries = db.session.scalars(
        select(ChangeLogEntry).where(ChangeLogEntry.source == Source.IMPORT)
    ).all()
    added = by_name("Het Klaverblad")
    assert {(e.initiative_id, e.action, tuple(e.fields)) for e in entries} == {
        (added.id, ChangeAction.CREATED, ()),
        (linde.id, ChangeAction.UPDATED, ("capacity", "vacancy")),
    }
    assert {e.actor_account_id for e in entries} == {staff.id}
    # The change log drives the search index: the new entry is searchable at once.
    assert text_search("Klaverblad").ids == [added.id]
    assert "Het Klaverblad" in staff_client.get("/open-data/initiatieven.csv").get_data(True)
    assert staff_client.get(f"/api/v1/initiatives/{added.slug}").status_code == 200


def test_the_audit_log_answers_who_imported_what_and_when(staff_client, staff):
    linde = make_initiative(capacity=12)
    db.session.commit()
    url = batch_url(upload(staff_client, mixed_file(linde)))
    apply(staff_client, url)
    entries = {
        entry.action: entry
        for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    }
    batch_id = int(url.rsplit("/", 1)[1])
    applied = entries["import.applied"]
    assert (applied.actor_email, applied.target_type, applied.target_id) == (
        staff.email,
        "import_batch",
        batch_id,
    )
    assert "overzicht-zorgkantoor.csv" in applied.summary
    assert "1 initiatieven toegevoegd" in applied.summary and "1 gewijzigd" in applied.summary
    assert applied.after == {"added": 1, "changed": 1, "rows": 4}
    changed = entries["import.initiative_changed"]
    assert changed.initiative_id == linde.id
    assert changed.before == {"capacity": 12, "vacancy": "waiting_list"}
    assert changed.after == {"capacity": 14, "vacancy": "full"}
    added = entries["import.initiative_added"]
    assert added.initiative_id == by_name("Het Klaverblad").id
    assert added.before is None and added.after["name"] == "Het Klaverblad"
    assert "import.dry_run" in entries


def test_the_detail_page_says_the_facts_come_from_an_import(staff_client, app):
    linde = make_initiative(capacity=12, last_confirmed_on=date(2026, 1, 5))
    db.session.commit()
    apply(staff_client, batch_url(upload(staff_client, mixed_file(linde))))
    with app.test_request_context():
        today = format_date(register_today(), "long")
    given = f"Van een import door het register, gegeven op {today}."
    added = read(staff_client.get(f"/initiatieven/{by_name('Het Klaverblad').slug}"))
    assert f"Adres {given}" in added.text
    assert f"Aantal plaatsen {given}" in added.text
    changed = read(staff_client.get(f"/initiatieven/{linde.slug}"))
    assert f"Aantal plaatsen {given}" in changed.text
    assert f"Beschikbare plaatsen {given}" in changed.text
    assert "Adres Van het initiatief zelf" in changed.text  # untouched facts keep their source


def test_a_probable_duplicate_is_added_only_when_ticked(staff_client):
    linde = make_initiative()
    db.session.commit()
    rows = [
        new_row(name="Tweede locatie", kvk_number=linde.kvk_number),  # row 2
        new_row(name="Derde locatie", kvk_number=linde.kvk_number),  # row 3
    ]
    url = batch_url(upload(staff_client, csv_bytes(rows)))
    page = read(staff_client.get(url))
    assert "Hetzelfde KvK-nummer als een initiatief in het register:" in page.text
    assert page.has("input", type="checkbox", name="add_anyway", value="2")
    assert apply(staff_client, url, add_anyway=(3,)).status_code == 302
    assert by_name("Derde locatie") is not None
    assert by_name("Tweede locatie") is None


def test_ticking_a_row_that_is_no_duplicate_is_refused(staff_client):
    url = batch_url(upload(staff_client, csv_bytes([new_row()])))
    response = apply(staff_client, url, add_anyway=(2,))
    assert response.status_code == 400
    assert read(response).title.startswith("Fout:")
    assert "Vink alleen rijen aan die mogelijk dubbel zijn." in read(response).text
    db.session.expire_all()
    assert by_name("Het Klaverblad") is None
    assert db.session.scalar(select(ImportBatch.status)) == ImportStatus.DRY_RUN


def test_applying_twice_is_refused(staff_client):
    url = batch_url(upload(staff_client, csv_bytes([new_row()])))
    form_page = staff_client.get(url)  # a second tab, still showing the apply button
    assert apply(staff_client, url).status_code == 302
    fields = {
        name: value
        for form in read(form_page).forms_to(f"{url}/toepassen")
        for name, value in form.fields.items()
    }
    response = staff_client.post(f"{url}/toepassen", data=fields)
    assert response.status_code == 409
    page = read(response)
    assert page.title.startswith("Fout:")
    assert "Deze import is al toegepast of weggegooid. Er is niets veranderd." in page.text
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(Initiative.name == "Het Klaverblad")) == 1


def test_a_stale_batch_is_refused_until_the_dry_run_is_repeated(staff_client):
    linde = make_initiative(capacity=12)
    db.session.commit()
    url = batch_url(upload(staff_client, csv_bytes([{"slug": linde.slug, "capacity": "14"}])))
    linde.capacity = 13  # an editor's change is approved meanwhile
    record_change(linde, ChangeAction.UPDATED, ["capacity"])
    db.session.commit()

    response = apply(staff_client, url)

    assert response.status_code == 409
    page = read(response)
    assert "Het register is veranderd sinds deze proefimport." in page.text
    assert page.title.startswith("Fout:")
    db.session.expire_all()
    assert db.session.get(Initiative, linde.id).capacity == 13
    assert db.session.scalar(select(ImportBatch.status)) == ImportStatus.DRY_RUN

    assert press(staff_client, url, "opnieuw").status_code == 302
    assert "Aantal plaatsen (capacity): 13 → 14" in read(staff_client.get(url)).text
    assert apply(staff_client, url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Initiative, linde.id).capacity == 14


def test_a_new_duplicate_in_the_register_makes_the_batch_stale(staff_client):
    url = batch_url(upload(staff_client, csv_bytes([new_row(kvk_number="55556666")])))
    make_initiative(kvk_number="55556666")
    db.session.commit()
    assert apply(staff_client, url).status_code == 409
    assert by_name("Het Klaverblad") is None


def test_a_discarded_batch_cannot_be_applied(staff_client):
    url = batch_url(upload(staff_client, csv_bytes([new_row()])))
    apply_fields = read(staff_client.get(url)).forms_to(f"{url}/toepassen")[0].fields
    response = press(staff_client, url, "weggooien")
    assert response.status_code == 302 and response.headers["Location"] == "/beheer/import"
    assert "Weggegooid" in read(staff_client.get("/beheer/import")).text
    assert staff_client.post(f"{url}/toepassen", data=apply_fields).status_code == 409
    assert by_name("Het Klaverblad") is None
    assert "import.discarded" in db.session.scalars(select(AuditEntry.action)).all()


def test_formula_like_cells_are_stored_as_text(staff_client):
    formula = "=cmd|' /C calc'!A0"
    row = new_row(name=formula, description="@SUM(A1:A9)", phone="+31 570 123456")
    url = batch_url(upload(staff_client, csv_bytes([row])))
    assert formula in read(staff_client.get(url)).text
    assert apply(staff_client, url).status_code == 302
    added = by_name(formula)
    assert (added.description, added.phone) == ("@SUM(A1:A9)", "+31 570 123456")
    exported = staff_client.get("/open-data/initiatieven.csv").get_data(as_text=True)
    assert f"'{formula}" in exported  # the open data neutralises it again for spreadsheets
