"""The English catalogue is complete: every Dutch source string has an English translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "register" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def _extracted_messages(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot), str(ROOT)]
    )
    with pot.open("rb") as handle:
        return {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }


def test_every_source_string_has_an_english_translation(tmp_path):
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        (message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    missing = sorted(_extracted_messages(tmp_path) - translated)
    assert not missing, f"{len(missing)} strings lack an English translation, e.g. {missing[:10]}"
