"""Sanne builds, saves, prints, downloads and reopens her list without JavaScript."""

from __future__ import annotations

import re

from questionnaire_helpers import build_list, pdf_text, save, text_of, ticked_questions


def test_start_page_explains_and_offers_to_begin(visitor):
    page = visitor.get("/vragenlijst/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Maak je vragenlijst" in text
    assert "geen account" in text
    assert 'action="/vragenlijst/begin"' in page.get_data(as_text=True)


def test_every_step_says_where_you_are(visitor):
    visitor.post("/vragenlijst/begin")
    page = visitor.get("/vragenlijst/stap/voor-wie")
    assert "Stap 1 van 7" in text_of(page)
    assert 'aria-current="step"' in page.get_data(as_text=True)
    page = visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    assert page.request.path == "/vragenlijst/stap/situatie"
    assert "Stap 2 van 7" in text_of(page)


def test_missing_answer_shows_error_summary_and_error_title(visitor):
    visitor.post("/vragenlijst/begin")
    page = visitor.post("/vragenlijst/stap/voor-wie", {})
    html = page.get_data(as_text=True)
    assert "<title>Fout:" in html
    assert 'href="#voor"' in html
    assert "Kies voor wie de vragenlijst is." in text_of(page)


def test_themes_show_decorative_pictograms(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    page = visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    html = page.get_data(as_text=True)
    assert page.request.path == "/vragenlijst/stap/themas"
    assert re.search(
        r'<img class="pictogram" src="/static/img/themes/geld\.svg\?v=[0-9a-f]+" alt=""', html
    )
    assert "Geld en pgb" in text_of(page)


def test_recommended_questions_are_preticked_with_their_why(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    page = visitor.post("/vragenlijst/stap/themas", {"thema": ["geld"]})
    ticked = ticked_questions(page.get_data(as_text=True))
    assert "geld-05" in ticked  # collective share: recommended
    assert "geld-04" not in ticked  # not recommended
    assert "Zo weet je wat er voor jou overblijft." in text_of(page)


def test_care_in_kind_hides_pgb_only_questions(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "zin", "soort": "unknown"})
    page = visitor.post("/vragenlijst/stap/themas", {"thema": ["geld"]})
    html = page.get_data(as_text=True)
    assert 'value="geld-05"' not in html
    assert 'value="geld-12"' in html


def test_sanne_builds_her_list_and_sees_it_grouped_with_requirements(visitor):
    page = build_list(visitor)
    assert page.request.path == "/vragenlijst/mijn-lijst"
    text = text_of(page)
    assert "Mijn vragenlijst" in text
    for theme in (
        "Mijn dag",
        "Eten en drinken",
        "Geld en pgb",
        "Meebeslissen",
        "Mijn eigen vragen",
    ):
        assert theme in text
    assert "Mag mijn kat mee?" in text
    assert "Gaat over: Weten wat naar de groep gaat" in text
    assert "Wat betekent 'Gaat over'?" in text
    assert "Bewaar mijn lijst" in text


def test_order_and_importance_are_kept(visitor):
    build_list(visitor, themes=("geld",), own=("Mag mijn kat mee?", "Mag ik roken?"))
    visitor.get("/vragenlijst/stap/volgorde")
    page = visitor.post(
        "/vragenlijst/stap/volgorde", {"belangrijk": ["eigen-2"], "actie": "up:eigen-2"}
    )
    text = text_of(page)
    assert text.index("Mag ik roken?") < text.index("Mag mijn kat mee?")
    visitor.post("/vragenlijst/stap/volgorde", {"belangrijk": ["eigen-2"], "actie": "verder"})
    result = text_of(visitor.post("/vragenlijst/stap/controleren"))
    assert "Belangrijk Mag ik roken?" in result
    assert result.index("Mag ik roken?") < result.index("Mag mijn kat mee?")


def test_own_question_can_be_removed(visitor):
    build_list(visitor, themes=("geld",), own=("Mag mijn kat mee?",))
    page = visitor.post("/vragenlijst/stap/eigen-vragen", {"actie": "verwijder:eigen-1"})
    assert "Mag mijn kat mee?" not in text_of(page)


def test_print_view_is_a_plain_document(visitor):
    build_list(visitor)
    page = visitor.get("/vragenlijst/mijn-lijst/afdrukken")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="nl">' in html
    assert "questionnaire-document.css" in html
    assert "Mag mijn kat mee?" in text_of(page)


def test_pdf_is_tagged_with_language(visitor):
    build_list(visitor)
    response = visitor.get("/vragenlijst/mijn-lijst.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"%PDF")
    unpacked = pdf_text(response.data)
    assert b"/Lang (nl)" in unpacked
    assert b"/StructTreeRoot" in unpacked
    assert b"pdfuaid" in unpacked


def test_pdf_in_english_has_english_language(visitor):
    build_list(visitor)
    response = visitor.get("/vragenlijst/mijn-lijst.pdf?lang=en")
    assert b"/Lang (en)" in pdf_text(response.data)


def test_text_download(visitor):
    build_list(visitor)
    response = visitor.get("/vragenlijst/mijn-lijst.txt")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="vragenlijst.txt"'
    body = response.get_data(as_text=True)
    assert body.startswith("Mijn vragenlijst\n")
    assert "Mag mijn kat mee?" in body
    assert "Antwoord:" in body


def test_save_gives_a_link_and_the_list_reopens(visitor, client, app):
    build_list(visitor)
    page, token = save(visitor)
    text = text_of(page)
    assert "Je lijst is bewaard." in text
    assert "Iedereen met deze link kan je lijst openen." in text
    assert f"/vragenlijst/l/{token}" in text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # Another browser (no session) opens the link.
    other = app.test_client()
    reopened = other.get(f"/vragenlijst/l/{token}")
    assert reopened.status_code == 200
    assert "Mag mijn kat mee?" in text_of(reopened)
    assert other.get(f"/vragenlijst/l/{token}.pdf").data.startswith(b"%PDF")
    assert "Mag mijn kat mee?" in other.get(f"/vragenlijst/l/{token}.txt").get_data(as_text=True)
    assert other.get(f"/vragenlijst/l/{token}/afdrukken").status_code == 200


def test_nothing_is_stored_before_saving(visitor, app):
    from sqlalchemy import func, select

    from register.extensions import db
    from register.questionnaire.models import SavedList

    build_list(visitor)
    with app.app_context():
        assert db.session.scalar(select(func.count(SavedList.id))) == 0


def test_edit_a_saved_list_keeps_the_link(visitor, app):
    build_list(visitor, themes=("geld",))
    _page, token = save(visitor)
    other = type(visitor)(app.test_client())
    other.get(f"/vragenlijst/l/{token}")
    review = other.post(f"/vragenlijst/l/{token}/bewerken")
    assert review.request.path == "/vragenlijst/stap/controleren"
    other.post("/vragenlijst/stap/eigen-vragen", {"vraag": "Mag ik roken?", "actie": "verder"})
    other.post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    other.post("/vragenlijst/stap/controleren")
    page, again = save(other)
    assert again == token
    assert "Mag ik roken?" in text_of(page)


def test_delete_asks_first_then_link_is_gone(visitor, app):
    build_list(visitor)
    _page, token = save(visitor)
    confirm = visitor.get(f"/vragenlijst/l/{token}/verwijderen")
    assert "Wil je je vragenlijst verwijderen?" in text_of(confirm)
    done = visitor.post(f"/vragenlijst/l/{token}/verwijderen")
    assert "Je vragenlijst is verwijderd" in text_of(done)
    gone = app.test_client().get(f"/vragenlijst/l/{token}")
    assert gone.status_code == 404
    assert "Deze vragenlijst bestaat niet (meer)" in text_of(gone)


def test_english_pages(visitor):
    page = visitor.get("/vragenlijst/?lang=en")
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_privacy_page_says_what_is_stored(client):
    text = text_of(client.get("/privacy"))
    assert "De vragenlijst" in text
    assert "geen naam en geen IP-adres" in text
    assert "12 maanden" in text


def test_subthemes_fold_and_count_the_ticked_questions(visitor):
    visitor.post("/vragenlijst/begin")
    visitor.post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    visitor.post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    page = visitor.post("/vragenlijst/stap/themas", {"thema": ["dagindeling", "geld"]})
    html = page.get_data(as_text=True)
    blocks = re.findall(r"<details class=\"subtheme\"[^>]*>(.*?)</details>", html, re.S)
    assert len(blocks) > 2
    for block in blocks:
        total = len(re.findall(r'name="vraag"', block))
        chosen = len(ticked_questions(block))
        summary = re.search(r"<summary[^>]*>(.*?)</summary>", block, re.S).group(1)
        assert f"{chosen} van {total} gekozen" in " ".join(re.sub(r"<[^>]+>", " ", summary).split())
    # Folded, the ticked questions are still sent with the form: nothing is lost.
    assert "geld-05" in ticked_questions(html)
