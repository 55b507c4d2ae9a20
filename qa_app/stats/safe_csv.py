"""CSV that is safe to open in a spreadsheet: no cell can start a formula (OWASP CSV injection).

A text cell starting with = + - @, a tab or a carriage return (or their full-width forms, which
some spreadsheets also read as formula signs) gets a single quote in front, so the spreadsheet
shows it as text. Numbers stay numbers: -2 the integer is written as -2, "-2" the text as '-2.
Text cells are always quoted, as OWASP recommends. Pure: no Flask, no database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from numbers import Real

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
BOM = "\ufeff"  # spreadsheets read UTF-8 (ä, ö) correctly only with it


def safe_cell(value: object, decimals: int = 1) -> object:
    """Return `value` as written to a cell: numbers as numbers, text defused, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Real):
        if isinstance(value, int):
            return value
        number = round(float(value), decimals)
        return int(number) if number.is_integer() else number
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: Iterable[Sequence[object]], bom: bool = True) -> str:
    """Return the rows as CSV text (RFC 4180, CRLF line ends), every cell passed through safe_cell."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])  # QUOTE_NONNUMERIC quotes every str
    return buffer.getvalue()
