"""A portable copy of the whole register: ``flask export`` and ``flask import``."""
