"""The search page: a plain GET form with filters, result cards, pagination, bad input."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from register.entries.models import ClaimStatus, VacancyStatus
from tests.entries.pages import publish, read, slugs_in_order
from tests.factories import add_certification, add_membership, add_visit, make_initiative


@pytest.fixture
def three(app_context):
    """The Jansen family's candidates around Deventer, and one far away."""
    zonnebloem = make_initiative(
        name="De Zonnebloem",
        slug="de-zonnebloem",
        target_groups=("autism",),
        vacancy=VacancyStatus.PLACES_FREE,
    )
    add_membership(zonnebloem, "bvkz")
    add_certification(zonnebloem, "prezo", valid_until=date(2026, 4, 1))  # expired
    add_certification(zonnebloem, "hkz_kleine_organisaties", valid_until=date(2028, 3, 1))
    add_visit(zonnebloem, visited_on=date(2025, 3, 4))
    salland = make_initiative(
        name="Hof van Salland",
        slug="hof-van-salland",
        kind="care_entrepreneur",
        target_groups=("autism", "young_people"),
        place="Raalte",
        municipality="Raalte",
        latitude=52.388,
        longitude=6.275,
        last_confirmed_on=date.today() - timedelta(days=500),
    )
    add_membership(salland, "flz", status=ClaimStatus.SELF_DECLARED)
    make_initiative(
        name="Huize Akker",
        slug="huize-akker",
        kind="care_institution",
        place="Maastricht",
        municipality="Maastricht",
        province="Limburg",
        postcode="6211 AB",
        latitude=50.85,
        longitude=5.69,
    )
    publish()


def test_lists_every_initiative_with_a_count(client, three):
    response = client.get("/initiatieven")
    page = read(response)

    assert response.status_code == 200
    assert "3 initiatieven gevonden" in page.text
    assert sorted(slugs_in_order(page)) == ["de-zonnebloem", "hof-van-salland", "huize-akker"]
    assert page.link("De Zonnebloem") == "/initiatieven/de-zonnebloem"


def test_the_search_form_is_a_plain_get_form_with_labelled_fields(client, three):
    page = read(client.get("/initiatieven"))

    (form,) = page.forms_to("/initiatieven")
    assert form.method == "get"
    for field_id in ("q", "near", "radius"):
        assert page.has("label", for_=field_id)
        assert page.has("input", id=field_id)
    assert page.has("select", id="sort")
    assert "Filters toepassen" in page.text


def test_a_card_shows_what_a_family_compares_at_a_glance(client, three):
    page = read(client.get("/initiatieven?q=zonnebloem"))
    text = page.text

    assert "1 initiatief gevonden" in text
    assert "Plaatsen vrij" in text
    assert "Autisme" in text
    assert "Lid van BVKZ, gecontroleerd" in text
    assert "HKZ Kleine Organisaties, geldig tot 1 maart 2028" in text
    assert "PREZO, geldig" not in text  # an expired mark is no badge ...
    assert "PREZO: verlopen op 1 april 2026" in text  # ... but a word of warning
    assert "4 maart 2025, Inspectie Gezondheidszorg en Jeugd (IGJ)" in text
    assert "Bevestigd op 1 oktober 2026" in text


def test_self_declared_membership_is_no_badge_and_old_data_is_flagged(client, three):
    text = read(client.get("/initiatieven?q=salland")).text

    assert "Lid van FLZ, gecontroleerd" not in text
    assert "Lid van FLZ: zelf opgegeven, niet gecontroleerd" in text
    assert "Niet bevestigd sinds" in text
    assert "Geen bezoek geregistreerd" in text


def test_a_card_names_expired_and_unchecked_claims_in_words(client, app_context):
    initiative = make_initiative(name="De Linde", slug="de-linde")
    add_membership(initiative, "lvoi", status=ClaimStatus.SELF_DECLARED)
    add_membership(initiative, "bvkz", valid_until=date.today() - timedelta(days=1))
    add_certification(initiative, "prezo", status=ClaimStatus.SELF_DECLARED)
    add_certification(initiative, "kiwa_zzp", valid_until=date(2020, 1, 1))
    add_visit(initiative, visited_on=date.today() - timedelta(days=30))
    publish()

    page = read(client.get("/initiatieven"))

    assert page.has("ul", class_="cautions", aria_label="Let op")
    assert "Lid van LVOI: zelf opgegeven, niet gecontroleerd" in page.text
    assert "Lid van BVKZ: verlopen op" in page.text
    assert "PREZO: zelf opgegeven, niet gecontroleerd" in page.text
    assert "Kiwa Keurmerk ZZP'ers Zorg: verlopen op 1 januari 2020" in page.text
    assert "bezocht door de inspectie" not in page.text  # visited a month ago
    assert "jaar geleden" not in page.text


@pytest.mark.parametrize(
    ("visits", "started_days_ago", "words"),
    [
        ([], 2000, "Nog nooit bezocht door de inspectie"),
        ([], 30, "Nieuw initiatief: nog niet bezocht door de inspectie"),
        ([800], 2000, "Laatste bezoek van de inspectie: meer dan 2 jaar geleden"),
    ],
)
def test_a_card_says_when_the_inspection_never_came_or_long_ago(
    client, app_context, visits, started_days_ago, words
):
    initiative = make_initiative(started_on=date.today() - timedelta(days=started_days_ago))
    for days_ago in visits:
        add_visit(initiative, visited_on=date.today() - timedelta(days=days_ago))
    publish()

    assert words in read(client.get("/initiatieven")).text


def test_a_recent_visit_by_another_body_is_no_inspection(client, app_context):
    from register.entries.models import VisitBody

    initiative = make_initiative()
    add_visit(initiative, visited_on=date.today() - timedelta(days=800))
    add_visit(initiative, visited_on=date.today(), body=VisitBody.CARE_OFFICE)
    publish()

    assert "meer dan 2 jaar geleden" in read(client.get("/initiatieven")).text


def test_near_a_place_shows_distance_and_leaves_out_far_away_ones(client, three):
    page = read(client.get("/initiatieven?near=Deventer&radius=25&sort=distance"))

    assert "2 initiatieven gevonden" in page.text
    assert slugs_in_order(page) == ["de-zonnebloem", "hof-van-salland"]
    assert "km van Deventer" in page.text
    assert "Binnen 25 km van Deventer" in page.text


def test_facets_are_checkboxes_with_counts(client, three):
    page = read(client.get("/initiatieven"))

    assert page.has("input", type="checkbox", name="province", value="Overijssel")
    assert "Overijssel (2)" in page.text
    assert "Limburg (1)" in page.text
    assert "Autisme (2)" in page.text
    assert page.has("input", type="checkbox", name="kind", value="relatives_residents")


def test_a_chosen_filter_is_listed_with_a_link_that_removes_it(client, three):
    page = read(client.get("/initiatieven?kind=relatives_residents&target_group=autism"))

    assert "1 initiatief gevonden" in page.text
    assert page.has("input", name="kind", value="relatives_residents", checked="")
    assert "Soort initiatief: Opgezet door ouders, familie of bewoners" in page.text
    remove = page.link("weghalen: Soort initiatief")
    assert parse_qs(urlsplit(remove).query) == {"target_group": ["autism"]}
    assert "2 initiatieven gevonden" in read(client.get(remove)).text


def test_verified_association_filter_leaves_out_self_declared_members(client, three):
    page = read(client.get("/initiatieven?association=bvkz&association=flz"))

    assert slugs_in_order(page) == ["de-zonnebloem"]


@pytest.fixture
def members(app_context):
    """Verified members of different associations, a lapsed one, a Per Saldo member (an
    association of budget holders, not of providers) and one that only says it is a member."""
    for slug, association, fields in (
        ("lid-bvkz", "bvkz", {}),
        ("lid-lvoi", "lvoi", {}),
        ("lid-verlopen", "bvkz", {"valid_until": date.today() - timedelta(days=1)}),
        ("lid-per-saldo", "per_saldo", {}),
        ("lid-zelf-opgegeven", "bvkz", {"status": ClaimStatus.SELF_DECLARED}),
    ):
        add_membership(make_initiative(name=slug, slug=slug), association, **fields)
    marked = make_initiative(name="keurmerk-geldig", slug="keurmerk-geldig")
    add_certification(marked, "prezo")
    expired = make_initiative(name="keurmerk-verlopen", slug="keurmerk-verlopen")
    add_certification(expired, "prezo", valid_until=date.today() - timedelta(days=1))
    publish()


def test_any_verified_membership_finds_members_of_every_branch_association(client, members):
    page = read(client.get("/initiatieven?association=any&sort=name"))

    assert slugs_in_order(page) == ["lid-bvkz", "lid-lvoi"]
    assert page.has("input", type="checkbox", name="association", value="any", checked="")
    assert "Elk gecontroleerd lidmaatschap (2)" in page.text
    assert "Branchevereniging: Elk gecontroleerd lidmaatschap" in page.text


def test_any_valid_quality_mark_leaves_out_expired_marks(client, members):
    page = read(client.get("/initiatieven?quality_mark=any"))

    assert slugs_in_order(page) == ["keurmerk-geldig"]
    assert "Elk geldig keurmerk (1)" in page.text


def test_any_with_one_association_is_still_any(client, members):
    page = read(client.get("/initiatieven?association=any&association=lvoi&sort=name"))

    assert slugs_in_order(page) == ["lid-bvkz", "lid-lvoi"]


@pytest.mark.parametrize(
    "query", ["association=ANY", "association=any,bvkz", "quality_mark=alle", "vacancy=any"]
)
def test_a_wrong_any_is_named_not_a_500(client, members, query):
    response = client.get("/initiatieven?" + query)

    assert response.status_code == 200
    assert "Die is niet gebruikt." in read(response).text


def test_nothing_found_says_what_to_do_next(client, three):
    page = read(client.get("/initiatieven?q=xyzzyquux"))

    assert "0 initiatieven gevonden" in page.text
    assert "Er is geen initiatief dat bij deze zoekopdracht past." in page.text
    assert page.link("Bekijk alle initiatieven in het register") == "/initiatieven"


def test_a_typo_gets_a_did_you_mean_link(client, three):
    page = read(client.get("/initiatieven?q=zinnebluam"))

    href = page.link("zonnebloem")
    assert parse_qs(urlsplit(href).query)["q"] == ["zonnebloem"]
    assert "Bedoelde je" in page.text


def test_an_unknown_place_is_an_error_but_the_rest_of_the_search_still_shows(client, three):
    response = client.get("/initiatieven?q=autisme&near=Nergenshuizen")
    page = read(response)

    assert response.status_code == 200
    assert page.title.startswith("Fout:")
    assert "Er is een probleem" in page.text
    assert page.link("Plaats Nergenshuizen niet gevonden").startswith("#near")
    assert "2 initiatieven gevonden" in page.text


def test_a_bad_radius_is_named_in_the_error_summary_and_next_to_the_field(client, three):
    page = read(client.get("/initiatieven?near=Deventer&radius=abc"))

    assert page.link("Kies een afstand") == "#radius"
    assert page.has("input", id="radius", value="abc", aria_invalid="true")


@pytest.fixture
def many(app_context):
    for n in range(45):
        make_initiative(name=f"Wooninitiatief {n:02d}", slug=f"wooninitiatief-{n:02d}")
    publish()


def test_pagination_keeps_the_search_and_marks_the_current_page(client, many):
    page = read(client.get("/initiatieven?sort=name&page=2&province=Overijssel"))

    assert "45 initiatieven gevonden" in page.text
    assert page.has("nav", aria_label="Paginering")
    assert page.has(
        "a", aria_current="page", href="/initiatieven?sort=name&province=Overijssel&page=2"
    )
    assert page.has("a", rel="prev", href="/initiatieven?sort=name&province=Overijssel&page=1")
    assert page.has("a", rel="next", href="/initiatieven?sort=name&province=Overijssel&page=3")
    assert slugs_in_order(page)[0] == "wooninitiatief-20"


def test_a_page_past_the_end_shows_the_last_page_with_a_message(client, many):
    page = read(client.get("/initiatieven?page=99999"))

    assert "Die pagina bestaat niet" in page.text
    assert page.has("a", aria_current="page", href="/initiatieven?page=3")


def test_every_result_can_be_added_to_the_comparison(client, three):
    page = read(client.get("/initiatieven"))

    forms = page.forms_to("/initiatieven/vergelijk/toevoegen")
    assert len(forms) == 3
    assert all(form.method == "post" and form.fields["csrf_token"] for form in forms)
    assert page.has("button", id="vergelijk-de-zonnebloem")
    assert {form.fields["next"] for form in forms} == {
        "/initiatieven#initiatief-de-zonnebloem",
        "/initiatieven#initiatief-hof-van-salland",
        "/initiatieven#initiatief-huize-akker",
    }


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999999",
        "radius=abc",
        "radius=100000",
        "radius=-5&near=Deventer",
        "radius=nan&near=Deventer",
        "near=Nergenshuizen",
        "near=" + "x" * 5000,
        "q=" + "a" * 10_000,
        "q=%00%01%1b[31m",
        "q=AND OR (",
        "q=*",
        "q=%22unclosed",
        "q=title:foo^3~",
        "province=Mars&kind=spaceship&vacancy=maybe",
        "target_group=" + "&target_group=".join(str(n) for n in range(500)),
        "sort=random",
        "sort=distance",
        "lang=xx",
        "q[]=a&page[]=1",
    ],
)
def test_hostile_parameters_never_break_the_page(client, three, query):
    response = client.get("/initiatieven?" + query)

    assert response.status_code in (200, 400)
    assert "initiatie" in read(response).text


@pytest.mark.parametrize("query", ["page=abc", "q=zzzzqqqxx&quality_mark=nonsense"])
def test_every_error_summary_link_leads_to_something_on_the_page(client, app_context, query):
    make_initiative()
    publish()
    html = client.get(f"/initiatieven?{query}").get_data(as_text=True)
    summary = html.split('class="error-summary__list"')[1].split("</ul>")[0]
    targets = [part.split('"')[0] for part in summary.split('href="#')[1:]]
    assert targets
    for target in targets:
        assert f'id="{target}"' in html


def test_choosing_a_language_alone_is_not_a_search(client):
    title = client.get("/initiatieven?lang=en").get_data(as_text=True).split("<title>")[1]
    assert title.startswith("Find a housing initiative")
