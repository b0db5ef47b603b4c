"""Staff add, edit and delete branch associations and quality marks: specific messages for
bad input, a fixed key, no deleting what is in use, every change in the audit log, and the
next `flask seed reference` leaving staff's work alone."""

from __future__ import annotations

from sqlalchemy import select

from register.audit.models import AuditEntry
from register.catalogues.models import CatalogueEdit
from register.entries.models import Association, QualityMark, utcnow
from register.extensions import db
from register.seed.reference import load_reference_data
from tests.catalogues.builders import csrf_token, submit
from tests.entries.pages import read
from tests.factories import add_certification, add_membership, make_initiative

NEW_ASSOCIATION = "/beheer/catalogi/verenigingen/nieuw"
NEW_MARK = "/beheer/catalogi/keurmerken/nieuw"


def _row(model, key):
    return db.session.scalar(select(model).where(model.key == key))


def _id(app, model, key) -> int:
    with app.app_context():
        return _row(model, key).id


def _audit(app, action):
    with app.app_context():
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()


def _association(**changes) -> dict:
    return {
        "key": "zorgcooperatie",
        "name_nl": "Vereniging Zorgcoöperaties",
        "name_en": "Association of Care Cooperatives",
        "abbreviation": "VZC",
        "website": "https://zorgcooperaties.example.org",
        "description_nl": "Vereniging van zorgcoöperaties.",
        "description_en": "Association of care cooperatives.",
        "represents_providers": "y",
        **changes,
    }


def test_staff_add_an_association_and_the_audit_log_has_it(app, staff):
    response = submit(staff, NEW_ASSOCIATION, _association(), follow=True)
    page = read(response)
    assert response.status_code == 200
    assert "Vereniging Zorgcoöperaties is toegevoegd." in page.text
    assert "Vereniging Zorgcoöperaties" in page.text
    with app.app_context():
        row = _row(Association, "zorgcooperatie")
        assert (row.abbreviation, row.website, row.represents_providers) == (
            "VZC",
            "https://zorgcooperaties.example.org",
            True,
        )
    (entry,) = _audit(app, "catalogue.create")
    assert entry.actor_email == "medewerker@example.org"
    assert entry.target_type == "association"
    assert entry.after["name_nl"] == "Vereniging Zorgcoöperaties"


def test_a_duplicate_key_is_refused_and_the_input_kept(app, staff):
    response = submit(staff, NEW_ASSOCIATION, _association(key="bvkz"))
    page = read(response)
    assert response.status_code == 400
    assert page.title.startswith("Fout:")
    assert "Deze sleutel is al in gebruik. Kies een andere." in page.text
    assert page.has("a", href="#key")
    assert page.has("input", name="name_nl", value="Vereniging Zorgcoöperaties")
    assert _audit(app, "catalogue.create") == []


def test_over_long_names_and_bad_keys_and_websites_get_specific_messages(app, staff):
    response = submit(
        staff,
        NEW_ASSOCIATION,
        _association(key="Niet Goed!", name_nl="x" * 201, website="zorg.example.org"),
    )
    page = read(response)
    assert response.status_code == 400
    assert "Begin met een letter en gebruik alleen kleine letters, cijfers en _." in page.text
    assert "Gebruik niet meer dan 200 tekens." in page.text
    assert "Vul een volledig webadres in, met https://." in page.text
    for field in ("key", "name_nl", "website"):
        assert page.has("a", href=f"#{field}"), field
        assert page.has("input", name=field, aria_invalid="true"), field
    with app.app_context():
        assert _row(Association, "niet_goed") is None


def test_required_fields_are_named(staff):
    page = read(submit(staff, NEW_MARK, {"key": "", "name_nl": "", "name_en": "", "issuer": ""}))
    for message in (
        "Vul een sleutel in.",
        "Vul de Nederlandse naam in.",
        "Vul de Engelse naam in.",
        "Vul de uitgever in.",
    ):
        assert message in page.text


def test_editing_changes_names_but_never_the_key(app, staff):
    url = f"/beheer/catalogi/verenigingen/{_id(app, Association, 'bvkz')}"
    data = _association(key="ander", name_nl="BVKZ nieuw", website="https://www.bvkz.nl")
    response = submit(staff, url, data, follow=True)
    assert "De wijzigingen zijn opgeslagen." in read(response).text
    with app.app_context():
        row = _row(Association, "bvkz")
        assert row.name_nl == "BVKZ nieuw"
        assert _row(Association, "ander") is None
    (entry,) = _audit(app, "catalogue.update")
    assert entry.before["name_nl"] == "Branchevereniging Kleinschalige Zorg"
    assert entry.after["name_nl"] == "BVKZ nieuw"
    assert "key" not in entry.after


def test_an_unused_quality_mark_is_deleted(app, staff):
    url = f"/beheer/catalogi/keurmerken/{_id(app, QualityMark, 'prezo')}/verwijderen"
    assert "Weet u het zeker?" in read(staff.get(url)).text
    response = submit(staff, url, {}, follow=True)
    assert "PREZO is verwijderd." in read(response).text
    with app.app_context():
        assert _row(QualityMark, "prezo") is None
    (entry,) = _audit(app, "catalogue.delete")
    assert entry.before["key"] == "prezo"


def test_a_quality_mark_in_use_is_not_deleted(app, staff):
    with app.app_context():
        add_certification(make_initiative(), "prezo")
        db.session.commit()
    url = f"/beheer/catalogi/keurmerken/{_id(app, QualityMark, 'prezo')}/verwijderen"
    page = read(staff.get(url))
    assert "Dit keurmerk kan niet weg: 1 initiatieven noemen het." in page.text
    assert not page.forms_to(url)
    # A forged post (the form was not even shown) deletes nothing either.
    token = csrf_token(staff, url.removesuffix("/verwijderen"))
    response = staff.post(url, data={"csrf_token": token})
    assert response.status_code == 409
    with app.app_context():
        assert _row(QualityMark, "prezo") is not None
    assert _audit(app, "catalogue.delete") == []


def test_an_association_a_verifier_speaks_for_is_not_deleted(app, staff):
    with app.app_context():
        add_membership(make_initiative(), "flz")
        db.session.commit()
    url = f"/beheer/catalogi/verenigingen/{_id(app, Association, 'flz')}/verwijderen"
    assert "kan niet weg: 1 lidmaatschappen of accounts" in read(staff.get(url)).text


def test_seeding_again_keeps_staff_edits_and_deletions_and_updates_the_rest(app, staff):
    bvkz = f"/beheer/catalogi/verenigingen/{_id(app, Association, 'bvkz')}"
    submit(staff, bvkz, _association(name_nl="BVKZ door de staf", website=""))
    spot = _id(app, Association, "spot")
    submit(staff, f"/beheer/catalogi/verenigingen/{spot}/verwijderen", {})
    with app.app_context():
        _row(Association, "flz").name_nl = "Door iemand in de database veranderd"
        db.session.commit()
        load_reference_data()  # what `make run` does
        db.session.commit()
        assert _row(Association, "bvkz").name_nl == "BVKZ door de staf"
        assert _row(Association, "spot") is None
        assert _row(Association, "flz").name_nl == "Federatie Landbouw en Zorg"


def test_the_finder_shows_a_renamed_association_without_a_restart(app, staff):
    with app.app_context():
        add_membership(make_initiative(), "bvkz")
        db.session.commit()
    assert "Branchevereniging Kleinschalige Zorg" in read(staff.get("/initiatieven")).text
    url = f"/beheer/catalogi/verenigingen/{_id(app, Association, 'bvkz')}"
    submit(staff, url, _association(name_nl="Kleinschalige Zorg Nederland", website=""))
    text = read(staff.get("/initiatieven")).text
    assert "Kleinschalige Zorg Nederland (1)" in text
    assert "Branchevereniging Kleinschalige Zorg (1)" not in text


def test_the_finder_follows_an_edit_made_by_another_server(app, staff):
    """Another process's commit does not bump this process's counter; the database's
    catalogue version does."""
    with app.app_context():
        add_membership(make_initiative(), "bvkz")
        db.session.commit()
    assert "Branchevereniging Kleinschalige Zorg (1)" in read(staff.get("/initiatieven")).text
    with app.app_context(), db.engine.begin() as connection:  # no ORM session: no events
        table = Association.__table__
        connection.execute(
            table.update().where(table.c.key == "bvkz").values(name_nl="Elders hernoemd")
        )
        connection.execute(
            CatalogueEdit.__table__.insert().values(
                catalogue="association", key="bvkz", deleted=False, at=utcnow()
            )
        )
    assert "Elders hernoemd (1)" in read(staff.get("/initiatieven")).text
