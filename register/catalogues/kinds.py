"""The two reference catalogues staff edit row by row: which model, which form, which
fields, and the words for them. The views and templates are shared between them."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from register.catalogues import forms
from register.entries.models import Association, QualityMark


@dataclass(frozen=True)
class CatalogueKind:
    slug: str  # the URL segment
    model: type
    form: type
    new_form: type
    title: object  # lazy strings from here on
    new_title: object
    edit_title: object
    in_use_message: object  # with %(count)s

    def values(self, form) -> dict:
        """What the form gives for the model's columns (the key apart: it is fixed)."""
        columns = self.model.__table__.c
        return forms.form_values(
            form, [f.name for f in form if f.name in columns and f.name != "key"]
        )

    def columns_of(self, form) -> tuple[str, ...]:
        return tuple(self.values(form))


KINDS = {
    kind.slug: kind
    for kind in (
        CatalogueKind(
            slug="verenigingen",
            model=Association,
            form=forms.AssociationForm,
            new_form=forms.NewAssociationForm,
            title=_l("Brancheverenigingen"),
            new_title=_l("Branchevereniging toevoegen"),
            edit_title=_l("Branchevereniging wijzigen"),
            in_use_message=_l(
                "Deze branchevereniging kan niet weg: %(count)s lidmaatschappen of accounts "
                "verwijzen ernaar. Haal die verwijzingen eerst weg."
            ),
        ),
        CatalogueKind(
            slug="keurmerken",
            model=QualityMark,
            form=forms.QualityMarkForm,
            new_form=forms.NewQualityMarkForm,
            title=_l("Keurmerken"),
            new_title=_l("Keurmerk toevoegen"),
            edit_title=_l("Keurmerk wijzigen"),
            in_use_message=_l(
                "Dit keurmerk kan niet weg: %(count)s initiatieven noemen het. "
                "Haal die verwijzingen eerst weg."
            ),
        ),
    )
}
