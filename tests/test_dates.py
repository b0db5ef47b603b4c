"""One date convention per language: Dutch "23 november 2027", British "23 November 2027"."""

from datetime import UTC, date, datetime

import pytest
from flask import render_template_string

from register.i18n import format_date, format_datetime


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl", "23 november 2027"), ("en", "23 November 2027")]
)
def test_long_dates_follow_the_language_convention(app, lang, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert format_date(date(2027, 11, 23), "long") == expected
        assert render_template_string('{{ d|dateformat("long") }}', d=date(2027, 11, 23)) == (
            expected
        )


def test_times_are_shown_in_the_registers_time_zone_in_british_order(app):
    with app.test_request_context("/?lang=en"):
        shown = format_datetime(datetime(2027, 11, 23, 13, 5, tzinfo=UTC), "medium")
    assert shown.startswith("23 Nov 2027") and "14:05" in shown
