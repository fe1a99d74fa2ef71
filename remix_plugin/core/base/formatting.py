"""Numbers, money, areas, shares and dates written the Italian way, one way everywhere a user reads them
(infoboxes, docks, prints, reports, CSV-facing text): thousands «.», decimals «,».

    number(1234.5, 2)      1.234,50         count(1234)            1.234
    money(1140669.5)       € 1.140.669,50   money_whole(4549158.4) € 4.549.158     (zero: € 0)
    hectares(329200)       32,92 ha         square_metres(5000)    5.000 m²
    percent(9.27)          9,3 %            share(0.25)            25 %
    measure(12.5, "m² per abitante")  12,50 m² per abitante (an indicator's value in its unit)
    date(QDate/datetime)   07/12/2026
    shortened("Riqualificazione della corte", 16)   Riqualificazione …
"""

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from remix_plugin.core.base.i18n import tr


def not_available() -> str:
    """What a value that is not there reads as: «n.d.» (non disponibile)."""
    return tr("n.d.")


def _finite(value) -> Optional[float]:
    try:
        number_ = float(value)
    except (TypeError, ValueError):
        return None
    return number_ if math.isfinite(number_) else None


def number(value, decimals: int = 0) -> str:
    """1.234.567,89 with `decimals` decimals; «n.d.» when not a number."""
    finite = _finite(value)
    if finite is None:
        return not_available()
    rounded = Decimal(repr(finite)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)  # 2,5 → 3, as on paper
    text = f"{rounded:,.{decimals}f}"
    if text.lstrip("-").strip("0,.") == "":  # -0,00 reads as 0,00
        text = text.lstrip("-")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def decimal(value, decimals: int = 2) -> str:
    """A measure with at most `decimals` decimals and no trailing zeros: 0,5 · 12 · 3,25."""
    finite = _finite(value)
    if finite is None:
        return not_available()
    text = number(finite, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def count(value) -> str:
    """A count: a whole number, 1.234."""
    return number(value, 0)


def money(value) -> str:
    """To the cent, for infoboxes, reports and CSV-facing text: € 1.140.669,50; zero is € 0."""
    finite = _finite(value)
    if finite is None:
        return not_available()
    return "€ 0" if round(finite, 2) == 0 else "€ " + number(finite, 2)


def money_whole(value) -> str:
    """In whole euros, for tables and charts: € 4.549.158."""
    finite = _finite(value)
    if finite is None:
        return not_available()
    return "€ " + number(finite, 0)


def hectares(square_metres_: float) -> str:
    finite = _finite(square_metres_)
    return not_available() if finite is None else number(finite / 10000.0, 2) + " ha"


def square_metres(value: float) -> str:
    finite = _finite(value)
    return not_available() if finite is None else number(finite, 0) + " m²"


def square_kilometres(square_metres_: float) -> str:
    finite = _finite(square_metres_)
    return not_available() if finite is None else number(finite / 1e6, 2) + " km²"


def kilometres(metres: float) -> str:
    finite = _finite(metres)
    return not_available() if finite is None else number(finite / 1000.0, 2) + " km"


def percent(points: float) -> str:
    """A value already in percent, one decimal (none when whole): 9,3 % · 25 %."""
    finite = _finite(points)
    if finite is None:
        return not_available()
    rounded = round(finite, 1)
    return number(rounded, 0 if rounded.is_integer() else 1) + " %"


def share(fraction: float) -> str:
    """A share of one as a percent: 0.25 → 25 %, 0.1375 → 13,8 %."""
    finite = _finite(fraction)
    return not_available() if finite is None else percent(finite * 100)


def measure(value, unit: str) -> str:
    """A value in an indicator's unit, as legends, charts and tables show it: euro in whole euros
    («€ 4.549.158», «€ 120 per abitante»), percent with one decimal («9,3 % della superficie comunale»),
    other units with two decimals under 1.000 and none above («12,50 m² per abitante»); zero is «0»."""
    finite = _finite(value)
    if finite is None:
        return not_available()
    if unit.startswith("€"):
        return (money_whole(finite) + unit[1:]).strip()
    if unit.startswith("%"):
        return percent(finite) + unit[1:]
    decimals = 0 if finite == 0 or abs(finite) >= 1000 else 2
    return f"{number(finite, decimals)} {unit}".strip()


def megabytes(size: int) -> str:
    return number(size / (1024 * 1024), 1) + " MB"


def date(value) -> str:
    """07/12/2026 from a date, a datetime, a QDate/QDateTime or ISO text; «n.d.» when empty."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return not_available()
    if hasattr(value, "toPyDateTime"):
        value = value.toPyDateTime()
    elif hasattr(value, "toPyDate"):
        value = value.toPyDate()
    elif isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value.strip() or not_available()
    return value.strftime("%d/%m/%Y")


def shortened(text: str, limit: int) -> str:
    """A title where a line is wanted (a message, a heading, a table cell): at most `limit` characters,
    cut with «…». The data keep the whole text; a pack's 100 kB title must not fill a page."""
    return text if len(text) <= limit else text[:limit].rstrip() + " …"
