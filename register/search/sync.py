"""Placeholder until the search module lands."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass


def sync_index() -> int:
    return 0


def rebuild_index() -> int:
    return 0
