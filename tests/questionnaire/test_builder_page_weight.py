"""Every step of the question-list builder, with what it loads, stays within 60 KB over the
wire (the other public pages: tests/httpcache/test_page_weight.py)."""

from __future__ import annotations

from register.questionnaire.state import STEPS
from tests.httpcache.weight import BUDGET, page_weight
from tests.questionnaire.questionnaire_helpers import build_list


def test_every_step_and_the_result_stay_within_the_budget(visitor):
    build_list(visitor)  # every step done: each can be shown again
    urls = ["/vragenlijst/", *(f"/vragenlijst/stap/{step}" for step in STEPS)]
    urls.append("/vragenlijst/mijn-lijst")

    for url in urls:
        weight = page_weight(visitor.client, url)
        assert weight.total <= BUDGET, weight
