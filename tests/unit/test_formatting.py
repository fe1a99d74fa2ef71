"""The one Italian formatter: what a planner reads in infoboxes, docks, prints and reports."""

import datetime

import pytest
from qgis.PyQt.QtCore import QDate, QDateTime

from remix_plugin.core.base import formatting as it


@pytest.mark.parametrize(
    "value,decimals,text",
    [
        (1234567.891, 2, "1.234.567,89"),
        (1234.5, 0, "1.235"),
        (0, 2, "0,00"),
        (-0.001, 2, "0,00"),
        (-1234.5, 1, "-1.234,5"),
        (999.999, 2, "1.000,00"),
        (None, 2, "n.d."),
        ("x", 0, "n.d."),
        (float("nan"), 0, "n.d."),
        (float("inf"), 0, "n.d."),
    ],
)
def test_numbers_have_italian_separators(value, decimals, text):
    assert it.number(value, decimals) == text


@pytest.mark.parametrize(
    "value,text",
    [
        (1140669.5, "€ 1.140.669,50"),
        (0, "€ 0"),
        (0.004, "€ 0"),
        (12.3, "€ 12,30"),
        (None, "n.d."),
    ],
)
def test_money_to_the_cent_and_zero_is_zero(value, text):
    assert it.money(value) == text


def test_money_in_whole_euros_for_tables_and_charts():
    assert it.money_whole(4549158.4) == "€ 4.549.158"
    assert it.money_whole(0) == "€ 0"


def test_areas_lengths_and_shares():
    assert it.hectares(329200) == "32,92 ha"
    assert it.square_metres(5000) == "5.000 m²"
    assert it.square_kilometres(181_670_000) == "181,67 km²"
    assert it.kilometres(1500) == "1,50 km"
    assert it.percent(9.27) == "9,3 %"
    assert it.percent(25) == "25 %"
    assert it.share(0.1375) == "13,8 %"
    assert it.megabytes(3 * 1024 * 1024 + 104858) == "3,1 MB"


def test_counts_are_whole_and_decimals_lose_trailing_zeros():
    assert it.count(1234) == "1.234"
    assert it.count(4.0) == "4"
    assert it.decimal(0.5) == "0,5"
    assert it.decimal(12.0) == "12"
    assert it.decimal(3.256) == "3,26"


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 12, 7),
        datetime.datetime(2026, 12, 7, 10, 30),
        QDate(2026, 12, 7),
        QDateTime(QDate(2026, 12, 7)),
        "2026-12-07",
        "2026-12-07T10:30:00Z",
    ],
)
def test_dates_read_day_month_year(value):
    assert it.date(value) == "07/12/2026"


def test_an_empty_date_is_not_available():
    assert it.date(None) == it.date(QDate()) == "n.d."


@pytest.mark.parametrize(
    "value,unit,text",
    [
        (4549158.4, "€", "€ 4.549.158"),
        (0, "€", "€ 0"),
        (1234.5, "€ per km²", "€ 1.235 per km²"),
        (9.27, "% della superficie comunale", "9,3 % della superficie comunale"),
        (12.5, "m² per abitante", "12,50 m² per abitante"),
        (0, "ha", "0 ha"),
        (3291.7, "ha", "3.292 ha"),
        (None, "ha", "n.d."),
    ],
)
def test_an_indicator_value_reads_in_its_unit(value, unit, text):
    assert it.measure(value, unit) == text


def test_a_long_title_is_shortened_for_a_line_and_a_short_one_kept():
    assert it.shortened("Riqualificazione della corte", 16) == "Riqualificazione …"
    assert it.shortened("Piazza", 6) == "Piazza"
    assert len(it.shortened("x" * 102400, 200)) == 202
