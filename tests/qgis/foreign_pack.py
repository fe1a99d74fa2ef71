"""A data pack made outside the project, as issue #16's probe was: the 133 real Comuni and the 8 Zone
omogenee of ../shared/data, areas and interventi of its own (seeded), no `interventi_periferie_punti`
table, and hostile text in its attributes. Written with GDAL/OGR, as another GIS would write it.

`expected_indicators` computes what each Comune must get without the plugin: a plain GEOS union of the
counted areas per Comune, clipped by its boundary, and the funding shares summed in Python (Decimal).
"""

import csv
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from osgeo import ogr

from tests.qgis.pgt_files import features_32632, square, write_layer

ZONA = "Nord Milano"  # the Zona the quick commands (print, atlas, offline) run on
LONG_TITLE = "Riqualificazione " + "della corte e dei cortili " * 4000  # about 100 kB
HOSTILE = [
    "<script>alert('rmx')</script> Recupero della corte",
    '=HYPERLINK("http://example.invalid/x";"Apri") Scuola',
    "'); DROP TABLE comuni; -- Palestra «l'ex \"Gasometro\"»",
    "Biblioteca \u202eacitsirtsep\u202c civica",
    "Piazza\u200b del\u200d mercato\u200f",
    "+39 Centro civico",
    "@SUM(A1) Casa di quartiere",
    "-1 Parcheggio di interscambio",
]
AREA_FIELDS = [("id", ogr.OFTString), ("nome", ogr.OFTString), ("pro_com_t", ogr.OFTString), ("fonte", ogr.OFTString)]
INTERVENTO_FIELDS = [
    ("cup", ogr.OFTString),
    ("titolo", ogr.OFTString),
    ("bando", ogr.OFTString),
    ("natura", ogr.OFTString),
    ("importo_finanziato", ogr.OFTReal),
    ("importo_cofinanziato", ogr.OFTReal),
    ("importo_totale", ogr.OFTReal),
    ("url_pagina", ogr.OFTString),
    ("url_scheda", ogr.OFTString),
]
COUNTED = (
    "aree_remix",
    "ambiti_rigenerazione_8bis_40bis",
    "offerta_at_2020",
    "offerta_pa_2020",
    "aree_rigenerazione_pgt",
)
FUNDED = ("interventi_pinqua", "interventi_comein", "interventi_periferie")
BANDI = {"interventi_pinqua": "PINQuA", "interventi_comein": "COME-IN", "interventi_periferie": "PERIFERIE"}


@dataclass
class ForeignPack:
    path: Path
    comuni: Dict[str, Tuple[str, str, ogr.Geometry]]  # ISTAT code -> (name, Zona omogenea, boundary)
    areas: Dict[str, List[Tuple[dict, ogr.Geometry]]]  # table -> rows as written
    interventi: Dict[str, List[Tuple[dict, ogr.Geometry]]]
    shares: List[Tuple[str, str, float]]  # (cup, pro_com_t, quota)
    titles_in: Dict[str, List[str]] = field(default_factory=dict)  # ISTAT code -> intervento titles placed there

    def codes_in(self, zona: str) -> List[str]:
        return sorted(code for code, (_, z, _) in self.comuni.items() if z == zona)


def build_foreign_pack(path: Path, shared_data: Path, seed: int = 16) -> ForeignPack:
    rng = random.Random(seed)
    zones = {
        row["com_istat_code"]: row["zona_omogenea"]
        for row in csv.DictReader((shared_data / "zone_omogenee_comuni.csv").open(encoding="utf-8"))
    }
    comuni = {
        f["com_istat_code"]: (f["name"], zones[f["com_istat_code"]], g)
        for f, g in features_32632(shared_data / "comuni_cmm.geojson")
    }
    text = ogr.OFTString
    write_layer(
        path,
        "GPKG",
        "comuni",
        32632,
        [("pro_com_t", text), ("comune", text), ("zona_omogenea", text)],
        [({"pro_com_t": c, "comune": n, "zona_omogenea": z}, g) for c, (n, z, g) in sorted(comuni.items())],
        kind=ogr.wkbMultiPolygon,
    )
    write_layer(
        path,
        "GPKG",
        "zone_omogenee",
        32632,
        [("zona_omogenea", text)],
        [({"zona_omogenea": f["zona_omogenea"]}, g) for f, g in features_32632(shared_data / "zone_omogenee.geojson")],
        kind=ogr.wkbMultiPolygon,
    )
    write_layer(
        path,
        "GPKG",
        "metadata",
        32632,
        [("chiave", text), ("valore", text)],
        [
            ({"chiave": k, "valore": v}, None)
            for k, v in (("nome", "Pacchetto di un Comune (prova)"), ("data", "2026-11-30"), ("origine", "SIT"))
        ]
        + [({"chiave": "dimostrativo", "valore": "false"}, None)],
        kind=ogr.wkbNone,
    )
    areas = _areas(comuni, rng)
    for table, rows in areas.items():
        fields = AREA_FIELDS + ([("stato_suolo", text)] if table.startswith("offerta") else [])
        write_layer(path, "GPKG", table, 32632, fields, rows, kind=ogr.wkbMultiPolygon)
    interventi, shares, titles_in = _interventi(comuni, rng)
    for table, rows in interventi.items():
        write_layer(path, "GPKG", table, 32632, INTERVENTO_FIELDS, rows, kind=ogr.wkbMultiPolygon)
    write_layer(
        path,
        "GPKG",
        "interventi_comuni",
        32632,
        [("cup", text), ("pro_com_t", text), ("quota", ogr.OFTReal)],
        [({"cup": cup, "pro_com_t": code, "quota": quota}, None) for cup, code, quota in shares],
        kind=ogr.wkbNone,
    )
    return ForeignPack(Path(path), comuni, areas, interventi, shares, titles_in)


def _areas(comuni, rng) -> Dict[str, List[Tuple[dict, ogr.Geometry]]]:
    """In each Comune, an Aree Remix square and others overlapping it from other databases; every fifth
    Comune also a PGT area centred on a vertex of its boundary (split with its neighbour, or with outside)."""
    areas: Dict[str, List[Tuple[dict, ogr.Geometry]]] = {t: [] for t in COUNTED + ("aree_dismesse_2010",)}
    for n, (code, (name, _, boundary)) in enumerate(sorted(comuni.items())):
        centre = boundary.PointOnSurface()
        origin = (round(centre.GetX(), 1), round(centre.GetY(), 1))
        side = rng.randint(60, 400)

        def row(table, geometry, n=n, code=code, name=name, **extra):
            title = HOSTILE[n % len(HOSTILE)] if n % 3 == 0 else f"Area {len(areas[table]) + 1} di {name}"
            values = {"id": f"{table[:3].upper()}-{n}", "nome": title, "pro_com_t": code, "fonte": "SIT comunale"}
            areas[table].append(({**values, **extra}, geometry))

        row("aree_remix", square(origin, 0, 0, side, side))
        if n % 2 == 0:
            row("ambiti_rigenerazione_8bis_40bis", square(origin, side / 2, side / 3, side * 1.5, side * 1.2))
        soil = ["libero", "edificato", "parzialmente edificato", "Libero", None][n % 5]
        row("offerta_at_2020", square(origin, -side, -side / 2, side / 4, side / 4), stato_suolo=soil)
        if n % 4 == 1:
            row("offerta_pa_2020", square(origin, 0, -side, side, -side / 3), stato_suolo="edificato")
        if n % 5 == 0:
            row("aree_rigenerazione_pgt", _on_boundary(boundary, origin, rng.randint(80, 300)))
        if n % 6 == 0:
            row("aree_dismesse_2010", square(origin, side, side, side * 2, side * 2))  # not counted (DESIGN §4)
    return areas


def _on_boundary(boundary: ogr.Geometry, origin, half: float) -> ogr.Geometry:
    ring = boundary.Boundary()
    lines = [ring.GetGeometryRef(i) for i in range(ring.GetGeometryCount())] or [ring]
    vertices = [(x, y) for line in lines for x, y, *_ in line.GetPoints()]
    x, y = vertices[len(vertices) // 3]
    return square((round(x, 1), round(y, 1)), -half, -half, half, half)


def _interventi(comuni, rng):
    """Interventi of the three funded calls, each shared among one to three Comuni by `interventi_comuni`;
    the first ones, in the Zona's Comuni, carry the hostile titles (and one title of 100 kB)."""
    codes = sorted(comuni)
    zona = [c for c in codes if comuni[c][1] == ZONA]
    interventi: Dict[str, List[Tuple[dict, ogr.Geometry]]] = {t: [] for t in FUNDED}
    shares: List[Tuple[str, str, float]] = []
    titles_in: Dict[str, List[str]] = {}
    for n in range(60):
        table = FUNDED[n % 3]
        home = zona[n % len(zona)] if n < len(HOSTILE) + 1 else codes[(n * 37) % len(codes)]
        title = HOSTILE[n] if n < len(HOSTILE) else LONG_TITLE if n == len(HOSTILE) else f"Intervento {n}"
        centre = comuni[home][2].PointOnSurface()
        origin = (round(centre.GetX(), 1) + 500, round(centre.GetY(), 1))
        financed = Decimal(rng.randint(1_000_000, 900_000_000)) / 100  # euro, to the cent
        co_financed = Decimal(rng.randint(0, 50_000_000)) / 100
        cup = f"EXT{n:04d}{table[11:14].upper()}"
        values = {
            "cup": cup,
            "titolo": title,
            "bando": BANDI[table],
            "natura": "lavori",
            "importo_finanziato": float(financed),
            "importo_cofinanziato": float(co_financed),
            "importo_totale": float(financed + co_financed),
            "url_pagina": "javascript:alert(document.cookie)" if n % 4 == 0 else f"https://example.invalid/{cup}",
            "url_scheda": None,
        }
        interventi[table].append((values, square(origin, -40, -40, 40, 40)))
        partners = [home] + [c for c in rng.sample(codes, 3) if c != home][: n % 3]
        for code in partners:
            shares.append((cup, code, 1 / len(partners)))
            titles_in.setdefault(code, []).append(title)
    return interventi, shares, titles_in


@dataclass
class Expected:
    hectares: Dict[str, float]  # ISTAT code -> union area, ha
    euro: Dict[str, Tuple[Decimal, Decimal, Decimal]]  # finanziato, cofinanziato, totale (exact shares)
    totals: Tuple[Decimal, Decimal, Decimal]


def expected_indicators(pack: ForeignPack) -> Expected:
    """What each Comune must get, computed without the plugin: plain GEOS (through OGR) and Python sums."""
    hectares: Dict[str, float] = {}
    counted = [g for t in COUNTED for values, g in pack.areas[t] if _counts(t, values)]
    for code, (_, _, boundary) in pack.comuni.items():
        mine = [g for g in counted if g.Intersects(boundary)]
        if not mine:
            hectares[code] = 0.0
            continue
        collection = ogr.Geometry(ogr.wkbMultiPolygon)
        for geometry in mine:
            collection.AddGeometry(geometry)
        area = collection.UnionCascaded().Intersection(boundary).GetArea()
        hectares[code] = 0.0 if area < 1.0 else area / 10000
    amounts = {values["cup"]: values for t in FUNDED for values, _ in pack.interventi[t]}
    euro: Dict[str, List[Decimal]] = {code: [Decimal(0)] * 3 for code in pack.comuni}
    for cup, code, quota in pack.shares:
        values = amounts[cup]
        for i, name in enumerate(("importo_finanziato", "importo_cofinanziato", "importo_totale")):
            euro[code][i] += Decimal(str(values[name])) * Decimal(quota)
    totals = tuple(
        sum((Decimal(str(v[name])) for v in amounts.values()), Decimal(0))
        for name in ("importo_finanziato", "importo_cofinanziato", "importo_totale")
    )
    return Expected(hectares, {c: (e[0], e[1], e[2]) for c, e in euro.items()}, totals)  # type: ignore[arg-type]


def _counts(table: str, values: dict) -> bool:
    """DESIGN §4: the Offerta areas count unless their soil is free; one with no stato_suolo is left out."""
    if not table.startswith("offerta"):
        return True
    soil: Optional[str] = values.get("stato_suolo")
    return soil is not None and soil.lower() != "libero"
