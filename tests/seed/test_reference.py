"""Reference catalogues load from seed/reference with the fixed keys, and reloading is safe."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
)
from register.extensions import db
from register.seed.reference import CATALOGUES, load_reference_data, read_catalogue

FIXED_KEYS = {
    Kind: ["relatives_residents", "care_entrepreneur", "care_institution"],
    TargetGroup: [
        "intellectual_disability",
        "physical_disability",
        "autism",
        "mental_health",
        "dementia_elderly",
        "acquired_brain_injury",
        "multiple_disabilities",
        "young_people",
    ],
    FundingRoute: ["pgb_wlz", "pgb_wmo", "pgb_jeugdwet", "pgb_zvw", "vpt", "mpt", "zorg_in_natura"],
    Requirement: [
        "conscious_choice",
        "individual_care",
        "day_activities_outside",
        "collective_share_known",
        "spending_insight",
        "tailored_offer",
        "say_at_location",
    ],
    Association: [
        "bvkz",
        "flz",
        "spot",
        "kenniz",
        "netwerk_ouderinitiatieven",
        "lvoi",
        "per_saldo",
    ],
    QualityMark: [
        "hkz_kleine_organisaties",
        "prezo",
        "kiwa_zzp",
        "iso_9001",
        "flz_kwaliteit_laat_je_zien",
    ],
}


def _keys_in_order(model) -> list[str]:
    return list(db.session.scalars(select(model.key).order_by(model.position)))


@pytest.mark.parametrize("model", FIXED_KEYS, ids=lambda model: model.__name__)
def test_every_catalogue_holds_exactly_the_fixed_keys_in_file_order(app_context, model):
    assert _keys_in_order(model) == FIXED_KEYS[model]


def test_every_row_has_a_dutch_and_an_english_name(app_context):
    for model in FIXED_KEYS:
        for row in db.session.scalars(select(model)):
            assert row.name_nl.strip() and row.name_en.strip(), (model.__name__, row.key)


def test_requirements_are_numbered_one_to_seven_with_dutch_english_and_plain_text(app_context):
    requirements = db.session.scalars(select(Requirement).order_by(Requirement.number)).all()
    assert [r.number for r in requirements] == [1, 2, 3, 4, 5, 6, 7]
    for requirement in requirements:
        for text in (
            requirement.text_nl,
            requirement.text_en,
            requirement.plain_nl,
            requirement.plain_en,
        ):
            assert len(text.split()) >= 5, requirement.key


def test_requirement_texts_follow_the_ministers_letter(app_context):
    by_key = {r.key: r for r in db.session.scalars(select(Requirement))}
    assert "dagbesteding buiten het wooninitiatief" in by_key["day_activities_outside"].text_nl
    assert "twaalfde deel per maand" in by_key["tailored_offer"].text_nl
    assert "beleid ten aanzien van voeding en activiteiten" in by_key["say_at_location"].text_nl


def test_funding_routes_say_which_are_personal_budgets_and_under_which_act(app_context):
    routes = {r.key: r for r in db.session.scalars(select(FundingRoute))}
    assert {key for key, r in routes.items() if r.is_pgb} == {
        "pgb_wlz",
        "pgb_wmo",
        "pgb_jeugdwet",
        "pgb_zvw",
    }
    assert routes["pgb_wlz"].act == "Wlz"
    assert routes["pgb_jeugdwet"].act == "Jeugdwet"


def test_per_saldo_represents_budget_holders_not_providers(app_context):
    associations = {a.key: a for a in db.session.scalars(select(Association))}
    assert associations["per_saldo"].represents_providers is False
    assert all(a.represents_providers for key, a in associations.items() if key != "per_saldo")
    assert associations["flz"].abbreviation == "FLZ"


def test_quality_marks_name_their_issuer_and_validity(app_context):
    marks = {m.key: m for m in db.session.scalars(select(QualityMark))}
    assert marks["flz_kwaliteit_laat_je_zien"].validity_years == 3
    assert marks["prezo"].issuer == "Stichting Perspekt"
    assert all(m.issuer and m.attests_nl and m.attests_en for m in marks.values())


def test_loading_twice_changes_nothing(app_context):
    before = {model: _snapshot(model) for model in FIXED_KEYS}
    load_reference_data()
    assert not db.session.dirty and not db.session.new
    db.session.commit()
    assert {model: _snapshot(model) for model in FIXED_KEYS} == before


def test_reloading_restores_edited_texts_and_keeps_ids(app_context):
    kind = db.session.scalar(select(Kind).where(Kind.key == "care_institution"))
    original_id, original_name = kind.id, kind.name_nl
    kind.name_nl = "Iets anders"
    db.session.commit()
    load_reference_data()
    db.session.commit()
    kind = db.session.scalar(select(Kind).where(Kind.key == "care_institution"))
    assert (kind.id, kind.name_nl) == (original_id, original_name)


def test_a_row_removed_from_the_database_is_added_again(app_context):
    db.session.execute(QualityMark.__table__.delete().where(QualityMark.key == "iso_9001"))
    db.session.commit()
    load_reference_data()
    db.session.commit()
    assert db.session.scalar(select(func.count(QualityMark.id))) == len(FIXED_KEYS[QualityMark])


def test_a_file_with_a_duplicate_key_is_refused(tmp_path):
    (tmp_path / "kinds.yaml").write_text("- key: a\n- key: a\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unique"):
        read_catalogue("kinds.yaml", tmp_path)


def test_a_text_longer_than_its_column_is_refused(app_context, tmp_path):
    (tmp_path / "kinds.yaml").write_text(f"- key: a\n  name_nl: {'x' * 201}\n", encoding="utf-8")
    for file_name in CATALOGUES:
        if file_name != "kinds.yaml":
            (tmp_path / file_name).write_text("[]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="name_nl is longer than 200"):
        load_reference_data(tmp_path)


def test_every_catalogue_file_exists():
    for file_name in CATALOGUES:
        assert read_catalogue(file_name)


def _snapshot(model) -> list[tuple]:
    columns = list(model.__table__.columns)
    return [tuple(row) for row in db.session.execute(select(*columns).order_by(model.id))]
