"""Language choice: ``?lang=en`` or ``?lang=nl`` on any page, remembered in a cookie."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Flask, Response, current_app, request

LANG_COOKIE = "lang"
# Responses here are cached publicly by URL: their language comes from ?lang= alone, never
# from the cookie, and they set no cookie.
MACHINE_READABLE_PREFIXES = ("/api/", "/open-data/")


def _machine_readable() -> bool:
    return request.path.startswith(MACHINE_READABLE_PREFIXES)


def in_locale(dutch: str, english: str) -> str:
    """Pick the text of a bilingual data row (catalogues, questions) for the page's language."""
    from flask_babel import get_locale

    return english if str(get_locale()) == "en" else dutch


def localized(row: object, field: str) -> str:
    """``row.<field>_en`` on English pages, ``row.<field>_nl`` otherwise."""
    return in_locale(getattr(row, f"{field}_nl"), getattr(row, f"{field}_en")) or ""


def date_locale():
    """Dates in English follow the British convention ("23 November 2027"), one convention
    for the whole site; the English catalogue itself is plain ``en``."""
    from babel import Locale
    from flask_babel import get_locale

    locale = get_locale()
    return Locale("en", "GB") if str(locale) == "en" else locale


def format_date(value, format: str = "medium") -> str:
    from babel import dates

    return dates.format_date(value, format=format, locale=date_locale())


def format_datetime(value, format: str = "medium") -> str:
    """In the register's time zone (Europe/Amsterdam); a naive value is taken as UTC."""
    from babel import dates
    from flask_babel import get_timezone

    return dates.format_datetime(value, format=format, tzinfo=get_timezone(), locale=date_locale())


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    remembered = None if _machine_readable() else request.cookies.get(LANG_COOKIE)
    if remembered in languages:
        return remembered
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _remember_language(response: Response) -> Response:
    asked = request.args.get("lang")
    if _machine_readable():
        return response
    if asked in current_app.config["LANGUAGES"] and request.cookies.get(LANG_COOKIE) != asked:
        config = current_app.config
        response.set_cookie(
            LANG_COOKIE,
            asked,
            max_age=365 * 24 * 3600,
            # The same attributes as the session cookie: Secure in production.
            secure=config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite=config["SESSION_COOKIE_SAMESITE"] or "Lax",
        )
    return response


def url_with_lang(lang: str) -> str:
    """The current URL with ``lang`` set, for the language switch."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return quote(request.path) + "?" + urlencode(args, doseq=True)


def init_app(app: Flask) -> None:
    app.after_request(_remember_language)
    # In place of Flask-Babel's filters of the same name, for the British English dates.
    app.jinja_env.filters.update(dateformat=format_date, datetimeformat=format_datetime)

    @app.context_processor
    def language_helpers() -> dict:
        from flask_babel import get_locale

        return {
            "url_with_lang": url_with_lang,
            "current_lang": str(get_locale()),
            "localized": localized,
        }
