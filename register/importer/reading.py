"""Reading an uploaded file into a header and rows, or saying clearly why it cannot be read.

UTF-8 with or without byte-order mark; comma or semicolon separated (Dutch Excel writes
semicolons), decided by which of the two splits the header into more columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from register.importer.columns import IDENTIFYING

# A care office's overview has tens to hundreds of rows; more is split into several files.
MAX_ROWS = 1000
DELIMITERS = (",", ";")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``code`` and ``params`` name the message."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class CsvFile:
    header: list[str]
    # Per data row: its row number as a spreadsheet shows it (the header is row 1), the
    # cells by column name, and how many filled cells it has beyond the header.
    rows: list[dict[str, Any]]


def decode(data: bytes) -> str:
    if not data.strip():
        raise ImportFileError("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("encoding")
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError("spreadsheet")
    if b"\x00" in data:
        raise ImportFileError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError("encoding_at", line=line) from None


def _records(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportFileError("huge_cell", limit=csv.field_size_limit()) from None
        raise ImportFileError("not_csv") from None


def _delimiter(text: str) -> str:
    first_line = text.splitlines()[0]
    widths = {}
    for delimiter in DELIMITERS:
        try:
            widths[delimiter] = len(next(csv.reader([first_line], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            widths[delimiter] = 0
    return max(DELIMITERS, key=lambda d: widths[d])


def read_csv(data: bytes, known_columns: set[str]) -> CsvFile:
    """The header (lower case) and the non-blank rows of ``data``.

    Raises ``ImportFileError`` for a file that is empty, not text, not UTF-8, not CSV, has
    no column that names an initiative, repeats a column, has no rows or too many."""
    text = decode(data)
    if not text.strip():
        raise ImportFileError("empty")
    records = _records(text, _delimiter(text))
    header = [name.strip().lower() for name in records[0]]
    if not known_columns.intersection(header) or not {"name", IDENTIFYING}.intersection(header):
        raise ImportFileError("no_columns")
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise ImportFileError("repeated_columns", columns=", ".join(repeated))
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError("too_many_rows", limit=MAX_ROWS)
        cells = {name: cell for name, cell in zip(header, record, strict=False) if name}
        extra = sum(1 for cell in record[len(header) :] if cell.strip())
        rows.append({"row": index, "cells": cells, "extra": extra})
    if not rows:
        raise ImportFileError("no_rows")
    return CsvFile(header=header, rows=rows)
