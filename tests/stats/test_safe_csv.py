"""CSV export safe against spreadsheet formula injection (OWASP), with numbers kept as numbers."""

from __future__ import annotations

import csv
import io

import pytest

from qa_app.stats.safe_csv import BOM, safe_cell, write_csv


def parse(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"),
    ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
    ("-2", "'-2"),
    ("@x", "'@x"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("＝1+1", "'＝1+1"),
    ("Matti Meikäläinen", "Matti Meikäläinen"),
    ("a=b", "a=b"),
    ("", ""),
])
def test_text_that_could_start_a_formula_is_defused(cell, written):
    """A text cell starting with = + - @ tab or CR gets a leading single quote; others stay."""
    assert safe_cell(cell) == written
    assert parse(write_csv([[cell]]))[0] == [written]


def test_numbers_stay_numbers():
    """-2 the number is written bare (a spreadsheet reads a number); "-2" the text is quoted and defused."""
    text = write_csv([[-2, "-2", 72.25, 3.0, None, True]])
    line = text[len(BOM):].rstrip("\r\n")
    assert line == '-2,"\'-2",72.2,3,"","true"'


def test_quotes_and_line_breaks_are_escaped():
    """Quotes are doubled and text cells always quoted (RFC 4180), so a cell cannot break out."""
    rows = parse(write_csv([['say "hi"', "two\nlines", '=HYPERLINK("http://x")']]))
    assert rows == [['say "hi"', "two\nlines", '\'=HYPERLINK("http://x")']]
