"""What the import says to staff, in the page's language: the reasons a row or a file is
refused and the words for each outcome. Reports store codes and values; the words are
chosen when the page is shown."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from register.importer.reading import MAX_ROWS

OUTCOME_LABELS = {
    "add": _l("Nieuw"),
    "change": _l("Wijziging"),
    "unchanged": _l("Geen wijziging"),
    "duplicate": _l("Mogelijk dubbel"),
    "reject": _l("Afgewezen"),
}

# What applying does with each outcome, for the counts at the top of the report.
OUTCOME_EFFECTS = {
    "add": _l("wordt toegevoegd"),
    "change": _l("wordt gewijzigd"),
    "unchanged": _l("blijft zoals het is"),
    "duplicate": _l("wordt overgeslagen, tenzij u ‘toch toevoegen’ aanvinkt"),
    "reject": _l("wordt overgeslagen"),
}


def row_error(error: dict[str, Any]) -> str:
    """One reason a row is refused, from its stored code and values."""
    code = error["code"]
    value = error.get("value", "")
    if code == "required":
        return _("Leeg, maar nodig voor een nieuw initiatief.")
    if code == "too_long":
        return _(
            "Te lang: %(length)s tekens, niet meer dan %(limit)s.",
            length=error["length"],
            limit=error["limit"],
        )
    if code == "digits":
        return _(
            "‘%(value)s’ is geen nummer van precies %(count)s cijfers.",
            value=value,
            count=error["count"],
        )
    if code == "postcode":
        return _("‘%(value)s’ is geen postcode; schrijf bijvoorbeeld 1234 AB.", value=value)
    if code == "unknown_place":
        return _(
            "De plaats ‘%(value)s’ staat niet in de plaatsenlijst van het register.", value=value
        )
    if code == "unknown_key":
        return _(
            "‘%(value)s’ is onbekend. Kies uit: %(choices)s.", value=value, choices=error["choices"]
        )
    if code == "date":
        return _(
            "‘%(value)s’ is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2019-05-01.", value=value
        )
    if code == "capacity":
        return _("‘%(value)s’ is geen geheel getal vanaf 1.", value=value)
    if code == "percent":
        return _("‘%(value)s’ is geen percentage van 0 tot en met 100.", value=value)
    if code == "boolean":
        return _("‘%(value)s’ is geen ja of nee; schrijf true of false.", value=value)
    if code == "email":
        return _("‘%(value)s’ is geen e-mailadres.", value=value)
    if code == "website":
        return _(
            "‘%(value)s’ is geen webadres; schrijf bijvoorbeeld https://voorbeeld.nl.", value=value
        )
    if code == "withdrawn":
        return _("Dit initiatief is uit het register gehaald. Een import zet het niet terug.")
    if code == "same_slug":
        return _("Rij %(row)s wijzigt hetzelfde initiatief al.", row=error["row"])
    if code == "extra_cells":
        return _(
            "De rij heeft %(count)s gevulde cellen meer dan de kopregel kolommen heeft.",
            count=error["count"],
        )
    return _("Deze waarde kan niet worden gelezen.")


def file_error(code: str, params: dict[str, Any]) -> str:
    """Why a whole file cannot be imported, and what to do about it."""
    if code == "empty":
        return _("Het bestand is leeg. Kies een CSV-bestand met een kopregel en rijen.")
    if code == "no_rows":
        return _(
            "Het bestand heeft alleen een kopregel. Zet onder de kopregel een rij per initiatief."
        )
    if code == "encoding":
        return _(
            "Het bestand is niet in UTF-8 opgeslagen. Kies in Excel bij Opslaan als: "
            "‘CSV UTF-8 (door komma's gescheiden)’."
        )
    if code == "encoding_at":
        return _(
            "Het bestand is niet in UTF-8 opgeslagen (regel %(line)s). Kies in Excel bij "
            "Opslaan als: ‘CSV UTF-8 (door komma's gescheiden)’.",
            line=params["line"],
        )
    if code == "spreadsheet":
        return _(
            "Dit is een Excel-werkmap, geen CSV-bestand. Kies in Excel bij Opslaan als: "
            "‘CSV UTF-8 (door komma's gescheiden)’."
        )
    if code == "binary":
        return _("Dit is geen CSV-bestand: het bevat tekens die in tekst niet voorkomen.")
    if code == "not_csv":
        return _(
            "Het bestand kan niet als CSV worden gelezen. Controleer de aanhalingstekens "
            "rond cellen met een komma of puntkomma."
        )
    if code == "huge_cell":
        return _(
            "Een cel in het bestand is te groot (meer dan %(limit)s tekens).",
            limit=params["limit"],
        )
    if code == "no_columns":
        return _(
            "De kopregel heeft geen kolom name of slug. Gebruik de kolomnamen uit het "
            "voorbeeldbestand of uit de open data."
        )
    if code == "repeated_columns":
        return _(
            "Deze kolommen staan meer dan één keer in de kopregel: %(columns)s.",
            columns=params["columns"],
        )
    if code == "too_many_rows":
        return _(
            "Het bestand heeft meer dan %(limit)s rijen. Splits het in kleinere bestanden.",
            limit=params.get("limit", MAX_ROWS),
        )
    return _("Het bestand kan niet worden gelezen.")


def duplicate_reason(duplicate: dict[str, Any]) -> str:
    if duplicate["row"]:
        if duplicate["reason"] == "kvk":
            return _("Hetzelfde KvK-nummer als rij %(row)s.", row=duplicate["row"])
        return _("Dezelfde naam en postcode als rij %(row)s.", row=duplicate["row"])
    if duplicate["reason"] == "kvk":
        return _("Hetzelfde KvK-nummer als een initiatief in het register:")
    return _("Dezelfde naam en postcode als een initiatief in het register:")


STATUS_LABELS = {
    "dry_run": _l("Proefimport, nog niet toegepast"),
    "applied": _l("Toegepast"),
    "discarded": _l("Weggegooid"),
}
