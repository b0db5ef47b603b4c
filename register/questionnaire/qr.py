"""The QR code of a saved list's link, as inline SVG: made here (no image service sees the
secret link), readable by a phone's camera on screen and on paper."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

import qrcode
from flask_babel import gettext as _
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_modules(link: str) -> list[list[bool]]:
    """The code's dark (True) and light modules, row by row, the quiet zone included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(link)
    code.make(fit=True)
    return code.get_matrix()


def _dark_runs(row: list[bool]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    start = 0
    for dark, run in groupby(row):
        length = len(list(run))
        if dark:
            yield start, length
        start += length


def qr_svg(link: str) -> Markup:
    """An ``<svg role="img">`` whose text alternative says what the code holds; its size is
    set by the style sheet (class ``qr``).

    Each run of dark modules in a row is one stroke a module wide: a few hundred short path
    commands instead of a square per module, which WeasyPrint parses in Python for every
    PDF (the squares took about a fifth of the time spent drawing a 100-question list)."""
    modules = qr_modules(link)
    size = len(modules)
    path = "".join(
        f"M{x} {y}.5h{length}" for y, row in enumerate(modules) for x, length in _dark_runs(row)
    )
    label = escape(_("QR-code met de link naar deze vragenlijst"))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="qr" '
        f'role="img" aria-label="{label}" focusable="false"><title>{label}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{path}" stroke="#000" stroke-width="1"/></svg>'
    )
