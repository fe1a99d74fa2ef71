"""Indicator 2, "Finanziamento complessivo per interventi di rigenerazione": per Comune, the public
funding of the interventi PINQuA, COME-IN and Bando PERIFERIE.

Each intervento (one CUP) is shared among its Comuni by `interventi_comuni.quota`, so AZIONI
without a place of their own and interventi spanning several Comuni count where they belong.
Amounts are split in euro cents by the largest-remainder rule: the Comuni's shares of an
intervento add up to its amount exactly, and the total over all Comuni equals the total funding
to the cent. An intervento missing from `interventi_comuni` is shared by its geometry (area,
length or position in each Comune); one with neither is reported, never silently dropped.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import GeometryType
from remix_plugin.core.base.values import number_value, text_value
from remix_plugin.core.data import datapack
from remix_plugin.core.data.comuni_index import Comuni

if TYPE_CHECKING:
    from remix_plugin.core.data.table_reader import Table

SOURCES = ("interventi_pinqua", "interventi_comein", "interventi_periferie", "interventi_periferie_punti")
SHARES_TABLE = "interventi_comuni"
AMOUNTS = ("importo_finanziato", "importo_cofinanziato", "importo_totale")
RULE = (
    "Somma per Comune degli importi degli interventi PINQuA, COME-IN e Bando PERIFERIE (poligoni e AZIONI "
    "puntuali), ripartiti secondo «interventi_comuni.quota»; gli importi sono divisi in centesimi con il metodo "
    "dei resti più grandi, così che la somma sui Comuni sia uguale al totale al centesimo. Un intervento assente "
    "da «interventi_comuni» è ripartito secondo la sua geometria (superficie, lunghezza o posizione nei Comuni). "
    "Un CUP presente più volte è contato una volta sola."
)
TOLERANCE = 1e-6


@dataclass
class Attribution:
    """One intervento's share in one Comune: what the dock lists and the trace CSV holds."""

    table: str
    fid: int
    cup: str
    title: str
    quota: float
    cents: Tuple[int, ...]  # one per AMOUNTS: finanziato, cofinanziato, totale
    rule: str


@dataclass
class FundingTally:
    """Per Comune (same order as `Comuni`): euro cents of (finanziato, cofinanziato, totale) and the interventi."""

    cents: List[List[int]]
    counts: List[int]
    attributions: List[List[Attribution]]
    total_cents: List[int] = field(default_factory=lambda: [0, 0, 0])  # of every intervento counted
    outside_cents: List[int] = field(default_factory=lambda: [0, 0, 0])  # shares of Comuni not in scope
    unattributed_cents: List[int] = field(default_factory=lambda: [0, 0, 0])  # no Comune and no geometry
    problems: List[str] = field(default_factory=list)


def read_shares(table, problems: List[str]) -> Dict[str, List[Tuple[str, float]]]:
    """CUP -> [(pro_com_t, quota)], each CUP's quotas brought to add up to 1 (and reported when they did not).
    `table`: a `table_reader` table, or None when the pack has none (every intervento goes by its geometry)."""
    if table is None:
        return {}
    missing = [f for f in ("cup", "pro_com_t", "quota") if f not in table.fields]
    if missing:
        raise RemixError(f"Tabella «{SHARES_TABLE}»: mancano i campi {', '.join(missing)}.")
    shares: Dict[str, Dict[str, float]] = {}
    for row in table.rows(["cup", "pro_com_t", "quota"]):
        cup, code = text_value(row.values["cup"]).upper(), text_value(row.values["pro_com_t"])
        quota = number_value(row.values["quota"])
        if not cup or not code or quota is None or quota < 0:
            problems.append(
                f"Tabella «{SHARES_TABLE}», riga {row.fid}: CUP, Comune o quota mancanti o non "
                "validi; riga ignorata."
            )
            continue
        by_code = shares.setdefault(cup, {})
        by_code[code] = by_code.get(code, 0.0) + quota
    result = {}
    for cup, by_code in shares.items():
        total = sum(by_code.values())
        if total <= 0:
            problems.append(
                f"Tabella «{SHARES_TABLE}», CUP {cup}: quote tutte nulle; intervento ripartito secondo " "la geometria."
            )
            continue
        if abs(total - 1.0) > TOLERANCE:
            problems.append(
                f"Tabella «{SHARES_TABLE}», CUP {cup}: le quote sommano a {total:.4f} e non a 1; "
                "riportate in proporzione."
            )
        result[cup] = [(code, quota / total) for code, quota in sorted(by_code.items())]
    return result


def pack_shares(pack: Path, problems: List[str]) -> Dict[str, List[Tuple[str, float]]]:
    """`read_shares` of a pack's own table ({} when the pack has none: interventi go by their geometry)."""
    from remix_plugin.core.data.table_reader import (
        PackReader,  # numpy and GDAL: not at QGIS start (infoboxes import this)
    )

    if SHARES_TABLE not in datapack.pack_tables(pack):
        return {}
    with PackReader(pack) as reader:
        return read_shares(reader.table(SHARES_TABLE), problems)


def tally_funding(comuni: Comuni, sources: Sequence[Tuple[str, "Table"]], shares_table, feedback=None) -> FundingTally:
    """Funding per Comune from the interventi tables and the shares table (`table_reader` tables)."""
    size = len(comuni)
    tally = FundingTally([[0, 0, 0] for _ in range(size)], [0] * size, [[] for _ in range(size)])
    shares = read_shares(shares_table, tally.problems)
    position = {code: number for number, code in enumerate(comuni.codes)}
    seen: Dict[str, str] = {}
    for step, (table, source) in enumerate(sources):
        if feedback is not None:
            if feedback.isCanceled():
                raise RemixError("Calcolo dell'indicatore annullato.")
            feedback.setProgress(100.0 * step / max(1, len(sources)))
        _check_source(table, source)
        for row in source.rows(["cup", "titolo"] + list(AMOUNTS)):
            cup = text_value(row.values["cup"]).upper()
            label = f"CUP {cup}" if cup else f"elemento {row.fid}"
            if cup and cup in seen:
                tally.problems.append(
                    f"Tabella «{table}», {label}: intervento già contato dalla tabella «{seen[cup]}»; "
                    "non contato di nuovo."
                )
                continue
            if cup:
                seen[cup] = table
            cents = _cents(row.values, table, label, tally.problems)
            for index in range(3):
                tally.total_cents[index] += cents[index]
            recipients, rule = _recipients(cup, row.geometry, comuni, shares)
            if not recipients:
                tally.problems.append(
                    f"Tabella «{table}», {label}: nessun Comune in «{SHARES_TABLE}» e nessuna "
                    "geometria; importi non attribuiti."
                )
                for index in range(3):
                    tally.unattributed_cents[index] += cents[index]
                continue
            split = [_largest_remainder(amount, [q for _, q in recipients]) for amount in cents]
            title = text_value(row.values.get("titolo"))
            for number, (code, quota) in enumerate(recipients):
                parts = tuple(s[number] for s in split)
                where = position.get(code)
                if where is None:
                    for index in range(3):
                        tally.outside_cents[index] += parts[index]
                    continue
                for index in range(3):
                    tally.cents[where][index] += parts[index]
                if quota > 0:
                    tally.counts[where] += 1
                tally.attributions[where].append(Attribution(table, row.fid, cup, title, quota, parts, rule))
    return tally


def _check_source(table: str, source) -> None:
    missing = [f for f in ("cup",) + AMOUNTS[:2] if f not in source.fields]
    if missing:
        raise RemixError(f"Tabella «{table}» (strato «{source.label}»): mancano i campi {', '.join(missing)}.")


def _recipients(
    cup: str, geometry: Optional[QgsGeometry], comuni: Comuni, shares
) -> Tuple[List[Tuple[str, float]], str]:
    """(pro_com_t, quota) of the Comuni an intervento goes to, and the rule that chose them."""
    if cup in shares:
        return shares[cup], "quota dalla ripartizione tra Comuni del pacchetto dati"
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return [], ""
    if not geometry.isGeosValid():
        geometry = geometry.makeValid()
    kind = geometry.type()
    if kind == GeometryType.Point:
        number = comuni.comune_at(geometry.centroid())
        recipients = [(comuni.codes[number], 1.0)] if number is not None else []
        return recipients or [("", 1.0)], "posizione del punto (CUP assente dalla ripartizione tra Comuni)"
    measure = (lambda g: g.area()) if kind == GeometryType.Polygon else (lambda g: g.length())
    whole = measure(geometry)
    recipients = []
    for number in comuni.candidates(geometry.boundingBox()):
        part = measure(geometry.intersection(comuni.geometries[number]))
        if part > 0 and whole > 0:
            recipients.append((comuni.codes[number], part / whole))
    rest = 1.0 - sum(q for _, q in recipients)
    if rest > TOLERANCE or not recipients:
        recipients.append(("", max(rest, 0.0) if recipients else 1.0))  # "" = outside the Comuni considered
    rule = "superficie" if kind == GeometryType.Polygon else "lunghezza"
    return recipients, f"{rule} nei Comuni (CUP assente dalla ripartizione tra Comuni)"


def _largest_remainder(amount: int, quotas: List[float]) -> List[int]:
    """Split whole cents by quotas (adding up to 1) so that the parts add up to `amount` exactly."""
    total = sum(quotas)
    exact = [amount * q / total for q in quotas]
    parts = [math.floor(x) for x in exact]
    left = amount - sum(parts)
    for index in sorted(range(len(quotas)), key=lambda i: (parts[i] - exact[i], i))[:left]:
        parts[index] += 1
    return parts


def _cents(row: Dict[str, object], table: str, label: str, problems: List[str]) -> Tuple[int, ...]:
    values = []
    for name in AMOUNTS:
        raw = row.get(name)
        value = _decimal(raw)
        if value is None and name != "importo_totale" and text_value(raw):
            problems.append(
                f"Tabella «{table}», {label}: «{name}» non è un importo ({text_value(raw)}); contato come 0."
            )
        values.append(value)
    if values[2] is None:  # no importo_totale: finanziato + cofinanziato
        values[2] = (values[0] or Decimal(0)) + (values[1] or Decimal(0))
    return tuple(int((v or Decimal(0)).quantize(Decimal("0.01")) * 100) for v in values)


def _decimal(value) -> Optional[Decimal]:
    if value is None or text_value(value) == "":
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(text_value(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None
