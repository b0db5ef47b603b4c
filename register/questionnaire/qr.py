"""The QR code of a saved list's link, as inline SVG: made here (no image service sees the
secret link), readable by a phone's camera on screen and on paper."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from flask_babel import gettext as _
from markupsafe import Markup, escape


def qr_svg(link: str) -> Markup:
    """An ``<svg role="img">`` whose text alternative says what the code holds; its size is
    set by the style sheet (class ``qr``)."""
    image = qrcode.make(
        link,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    label = escape(_("QR-code met de link naar deze vragenlijst"))
    # The factory's fixed size in mm goes: the style sheet sizes the code.
    start, rest = svg.split(">", 1)
    start = " ".join(p for p in start.split(" ") if not p.startswith(("width=", "height=")))
    return Markup(
        f'{start} class="qr" role="img" aria-label="{label}" focusable="false">'
        f"<title>{label}</title>{rest}"
    )
