"""What the person takes to the visit: the list on screen and on paper (print view, PDF,
text), numbered through the whole list, naming each requirement in a few plain words, with
room to write and a line for the initiative's name and the visit's date."""

from __future__ import annotations

import logging
import re

from factories import make_initiative
from questionnaire_helpers import build_list, pdf_text, text_of

from register.extensions import db


def _starts(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<ol[^>]*\bstart="(\d+)"', html)]


def _questions_per_group(html: str) -> list[int]:
    return [len(re.findall(r"<li\b", part)) for part in re.split(r"<ol\b", html)[1:]]


def test_numbering_runs_through_the_whole_list_on_screen_and_on_paper(visitor):
    page = build_list(visitor, own=("Mag mijn kat mee?", "Mag ik roken?"))
    for html in (
        page.get_data(as_text=True),
        visitor.get("/vragenlijst/mijn-lijst/afdrukken").get_data(as_text=True),
    ):
        html = html.split('id="zeven-eisen"')[0]
        starts, sizes = _starts(html), _questions_per_group(html)
        assert len(starts) == 5  # four themes and the own questions
        assert starts == [1 + sum(sizes[:i]) for i in range(len(sizes))]
    total = sum(sizes)
    printed = text_of(visitor.get("/vragenlijst/mijn-lijst/afdrukken"))
    assert f"{total - 1}. Mag mijn kat mee?" in printed  # the number is text, in the PDF too
    text = visitor.get("/vragenlijst/mijn-lijst.txt").get_data(as_text=True)
    assert f"{total - 1}. Mag mijn kat mee?" in text
    assert f"{total}. Mag ik roken?" in text


def test_requirements_are_named_in_plain_words_and_explained_once(visitor):
    page = build_list(visitor)
    text = text_of(page)
    assert "Gaat over: Weten wat naar de groep gaat" in text
    assert "Deze vraag gaat over" not in text
    # The minister's wording only in the explanation at the end.
    assert text.count("Eis 4 van de minister") == 1
    assert text.index("Eis 4 van de minister") > text.index("Wat betekent 'Gaat over'?")
    assert 'href="#eis-4"' in page.get_data(as_text=True)
    printed = text_of(visitor.get("/vragenlijst/mijn-lijst/afdrukken"))
    assert "Gaat over: Weten wat naar de groep gaat" in printed
    assert "Deze vraag gaat over" not in printed


def test_on_screen_there_is_no_box_that_looks_like_a_field(visitor):
    page = build_list(visitor)
    html = page.get_data(as_text=True)
    assert "Antwoord:" not in text_of(page)
    assert 'class="answer-lines print-only" aria-hidden="true"' in html
    assert "Je kunt hier niets invullen." in text_of(page)
    assert "Bewaar dan eerst je lijst." in text_of(page)


def test_paper_has_ruled_lines_pictograms_and_a_visit_header(visitor):
    build_list(visitor)
    page = visitor.get("/vragenlijst/mijn-lijst/afdrukken")
    html = page.get_data(as_text=True)
    item = re.search(r"<li>\s*<p class=\"question\">.*?</li>", html, re.S).group(0)
    assert 'class="answer-lines' in item  # four lines, drawn by questionnaire-document.css
    assert re.search(r'src="/static/img/themes/geld\.svg\?v=[0-9a-f]+"', html)
    text = text_of(page)
    assert "Naam van het initiatief:" in text and "Datum van het bezoek:" in text
    pdf = visitor.get("/vragenlijst/mijn-lijst.pdf")
    assert pdf.status_code == 200  # the pictograms are read from static/, nothing else


def test_the_pdfs_pictograms_are_decoration_not_figures_without_a_text(visitor, caplog):
    build_list(visitor)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = visitor.get("/vragenlijst/mijn-lijst.pdf")
    assert pdf.status_code == 200
    assert "alt" not in caplog.text  # WeasyPrint asks a text of every <img> in a tagged PDF
    unpacked = pdf_text(pdf.data)
    assert b"/S /Figure" not in unpacked  # no QR code on an unsaved list: no figure at all
    assert unpacked.count(b"/Subtype /Form") >= 1  # the pictograms are drawn (as backgrounds)


def test_a_tailored_list_has_the_initiatives_name_filled_in(app, visitor):
    with app.app_context():
        initiative = make_initiative(name="De Linde")
        db.session.commit()
        slug = initiative.slug
    build_list(visitor, start_data={"initiatief": slug})
    text = text_of(visitor.get("/vragenlijst/mijn-lijst/afdrukken"))
    assert "Naam van het initiatief: De Linde" in text
    txt = visitor.get("/vragenlijst/mijn-lijst.txt").get_data(as_text=True)
    assert "Naam van het initiatief: De Linde" in txt
