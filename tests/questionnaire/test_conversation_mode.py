"""The Jansen family notes the answers of three initiatives and compares them per requirement."""

from __future__ import annotations

import re

from factories import make_initiative
from questionnaire_helpers import build_list, pdf_text, save, text_of

from register.extensions import db


def _saved_list(visitor):
    build_list(visitor, themes=("geld", "meebeslissen"), own=("Mag Daan zijn drumstel meenemen?",))
    return save(visitor)[1]


def _add(visitor, token, name):
    return visitor.post(f"/vragenlijst/l/{token}/gesprek", {"initiatief": name})


def test_three_initiatives_answered_and_compared_per_requirement(app, visitor):
    with app.app_context():
        linde = make_initiative(name="De Linde")
        db.session.commit()
        linde_slug = linde.slug
    token = _saved_list(visitor)
    overview = visitor.get(f"/vragenlijst/l/{token}/gesprek")
    assert "Initiatief toevoegen" in text_of(overview)

    first = _add(visitor, token, f"https://register.example/initiatieven/{linde_slug}")
    assert first.request.path == f"/vragenlijst/l/{token}/gesprek/1"
    assert "Antwoorden van De Linde" in text_of(first)
    html = first.get_data(as_text=True)
    assert 'type="radio"' in html and 'value="not_fine"' in html
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        {
            "status-geld-05": "fine",
            "notitie-geld-05": "30 procent, staat in het contract.",
            "status-mee-02": "unclear",
        },
    )
    _add(visitor, token, "Huize Zonnebloem")
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/2",
        {"status-geld-05": "not_fine", "notitie-geld-05": "Dat wisten ze niet."},
    )
    _add(visitor, token, "De Boomgaard")
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/3",
        {"status-eigen-1": "fine", "notitie-eigen-1": "Ja, in de schuur."},
    )

    listing = text_of(visitor.get(f"/vragenlijst/l/{token}/gesprek"))
    assert "De Linde ( in het register" in listing
    assert "Huize Zonnebloem" in listing and "De Boomgaard" in listing

    comparison = visitor.get(f"/vragenlijst/l/{token}/vergelijking")
    text = text_of(comparison)
    assert "Vergelijking per eis" in text
    assert "Eis 4: " in text
    assert "30 procent, staat in het contract." in text
    assert "Dat wisten ze niet." in text
    assert "Niet goed" in text and "Onduidelijk" in text
    assert "Andere vragen" in text and "Ja, in de schuur." in text
    header = re.search(r"<thead>(.*?)</thead>", comparison.get_data(as_text=True), re.S).group(1)
    assert (
        header.index("De Linde") < header.index("Huize Zonnebloem") < header.index("De Boomgaard")
    )

    pdf = visitor.get(f"/vragenlijst/l/{token}/vergelijking.pdf")
    assert pdf.data.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf_text(pdf.data)
    printable = visitor.get(f"/vragenlijst/l/{token}/vergelijking/afdrukken")
    assert "Dat wisten ze niet." in text_of(printable)


def test_answers_are_shown_again_when_reopened(visitor):
    token = _saved_list(visitor)
    _add(visitor, token, "De Linde")
    visitor.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        {"status-geld-05": "unclear", "notitie-geld-05": "Weten ze nog niet."},
    )
    page = visitor.get(f"/vragenlijst/l/{token}/gesprek/1")
    html = page.get_data(as_text=True)
    assert "Weten ze nog niet." in html
    assert re.search(r'name="status-geld-05" value="unclear"\s*checked', html)


def test_fifth_initiative_is_refused(visitor):
    token = _saved_list(visitor)
    for name in ("Een", "Twee", "Drie", "Vier"):
        _add(visitor, token, name)
    page = _add(visitor, token, "Vijf")
    assert page.status_code == 200
    assert "Je kunt niet meer dan 4 initiatieven vergelijken." in text_of(page)
    assert "<title>Fout:" in page.get_data(as_text=True)
    assert "Vijf" not in text_of(visitor.get(f"/vragenlijst/l/{token}/vergelijking"))


def test_removing_an_initiative_asks_first(visitor):
    token = _saved_list(visitor)
    _add(visitor, token, "De Linde")
    confirm = visitor.get(f"/vragenlijst/l/{token}/gesprek/1/verwijderen")
    assert "Wil je De Linde weghalen?" in text_of(confirm)
    page = visitor.post(f"/vragenlijst/l/{token}/gesprek/1/verwijderen")
    assert "De Linde staat niet meer bij je lijst." in text_of(page)
    assert visitor.get(f"/vragenlijst/l/{token}/gesprek/1").status_code == 404


def test_overlong_note_is_kept_with_an_error(visitor):
    token = _saved_list(visitor)
    _add(visitor, token, "De Linde")
    note = "lang " * 250
    page = visitor.post(f"/vragenlijst/l/{token}/gesprek/1", {"notitie-geld-05": note})
    assert "Maak hem korter: niet meer dan 1000 tekens." in text_of(page)
    assert note.strip() in page.get_data(as_text=True)


def test_forged_status_and_unknown_questions_are_ignored(visitor):
    token = _saved_list(visitor)
    _add(visitor, token, "De Linde")
    page = visitor.post(
        f"/vragenlijst/l/{token}/gesprek/1",
        {"status-geld-05": "geweldig", "status-bestaat-niet": "fine", "notitie-x": "y"},
    )
    assert page.status_code == 200
    assert "zijn bewaard" in text_of(page)


def test_empty_name_is_an_error(visitor):
    token = _saved_list(visitor)
    page = _add(visitor, token, "   ")
    assert "Typ de naam van het initiatief." in text_of(page)
