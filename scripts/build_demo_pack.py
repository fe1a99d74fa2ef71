"""The embedded demonstrative data pack, built deterministically from the real public data.

Real: the 133 Comuni and their boundaries, the Zone omogenee, the railway stations and metro stops,
the 22 PINQuA CO4Regeneration projects (CUP, amounts, Comuni). Made up (seeded, so every build is
identical): the opportunity areas, the other interventi, parks, services and cycle routes, placed
inside the real Comuni. The pack says so in its `metadata` table (`dimostrativo` = true) and every
made-up CUP starts with "DEMO", so nobody mistakes it for CMM's data.

The source folder is `../shared/data` beside the project (or REMIX_SOURCE_DATA). This generator is
part of the build, not of the plugin: `make` runs it (through `python -m remix_plugin demo-pack`, or
`python scripts/build_demo_pack.py --out FILE`) and the plugin ships the built GeoPackage.
"""

import csv
import math
import os
import random
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from a checkout

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)

from remix_plugin.core.base import paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.data.datapack import CONTRACT_VERSION, CRS, open_table, pack_tables
from remix_plugin.core.data.layers import write_to_gpkg

SEED = 2017
SOURCE_FILES = (
    "comuni_cmm.geojson",
    "zone_omogenee_comuni.csv",
    "zone_omogenee.geojson",
    "stazioni_ferroviarie_cmm.geojson",
    "metro_fermate_milano.geojson",
    "pnrr_m5c2_progetti_validati_cmm.csv",
)
CMM = "https://www.cittametropolitana.mi.it"
PAGES = {
    "periferie": f"{CMM}/welfare_metropolitano/progetti/Bando_Periferie/index.html",
    "comein": f"{CMM}/welfare_metropolitano/progetti/PNRR-Piani-Integrati/index.html",
    "pinqua": f"{CMM}/welfare_metropolitano/progetti/PINQUA/index.html",
    "cambio": f"{CMM}/PNRR/Piani-Urbani-Integrati/Cambio/index.html",
    "mica": f"{CMM}/PNRR/Piani-Urbani-Integrati/MICA/index.html",
    "spugna": f"{CMM}/PNRR/Piani-Urbani-Integrati/Spugna/index.html",
    "altri_pui": f"{CMM}/welfare_metropolitano/progetti/PNRR-Piani-Integrati/index.html",
}
OPENCUP = "https://opencup.gov.it/progetto/-/cup/{cup}"
BANDI = {
    "periferie": "Bando Periferie 2016",
    "comein": "PNRR M5C2 inv. 2.2 — PUI COME-IN",
    "pinqua": "PNRR M5C2 inv. 2.3 — PINQuA",
    "cambio": "PNRR M5C2 inv. 2.2 — PUI CAMBIO",
    "mica": "PNRR M5C2 inv. 2.2 — PUI MICA",
    "spugna": "PNRR M5C2 inv. 2.2 — PUI SPUGNA",
    "altri_pui": "PNRR M5C2 inv. 2.2 — Piani Urbani Integrati",
}
# (table, how many, source, update year, hectares range)
OPPORTUNITY = (
    ("aree_remix", 160, "Indagine CMM presso i Comuni (RE.MIX)", "2018", (0.4, 9.0)),
    ("aree_dismesse_2010", 220, "Regione Lombardia — censimento aree dismesse", "2010", (0.5, 14.0)),
    ("ambiti_rigenerazione_8bis_40bis", 70, "Delibere comunali ex art. 8bis e 40bis LR 12/2005", "2022", (0.5, 12.0)),
    ("aree_rigenerazione_pgt", 140, "Regione Lombardia — Tavola delle previsioni di PGT", "2022", (0.5, 10.0)),
    ("offerta_at_2020", 190, "Regione Lombardia — Indagine Ambiti di Trasformazione", "2020", (0.8, 20.0)),
    ("offerta_pa_2020", 110, "Regione Lombardia — Indagine Piani Attuativi", "2020", (0.3, 6.0)),
)
AREA_NAMES = (
    "Ex area produttiva",
    "Ex scalo",
    "Comparto",
    "Ex cascina",
    "Ex deposito",
    "Area di via",
    "Ex stabilimento",
    "Ambito",
    "Ex caserma",
    "Ex consorzio agrario",
)
STREETS = (
    "Roma",
    "Milano",
    "Garibaldi",
    "Mazzini",
    "Matteotti",
    "della Stazione",
    "Dante",
    "Volta",
    "Manzoni",
    "dei Mille",
    "Gramsci",
    "XXV Aprile",
    "Vittorio Veneto",
    "Cavour",
    "Trieste",
    "San Rocco",
)
LAND = ("libero", "parzialmente edificato", "edificato")
WORKS = {
    "periferie": (
        "Riqualificazione del centro civico",
        "Nuovi alloggi sociali",
        "Piazza e spazi pubblici",
        "Recupero della scuola",
        "Hub di quartiere",
    ),
    "comein": (
        "Casa della comunità",
        "Rigenerazione dell'edificio comunale",
        "Spazio giovani",
        "Centro servizi di quartiere",
    ),
    "mica": (
        "Parco di Rubattino",
        "Riuso di spazi per l'abitare",
        "Connessioni ciclopedonali Rubattino",
        "Polo culturale Rubattino",
    ),
    "spugna": (
        "Depavimentazione del cortile scolastico",
        "Giardino della pioggia",
        "Parcheggio drenante",
        "Piazza spugna",
        "Trincea infiltrante",
    ),
    "pinqua": ("Nuovi alloggi a canone sociale", "Riqualificazione di edilizia residenziale pubblica"),
    "altri_pui": ("Riqualificazione del quartiere", "Nuovo polo civico", "Recupero del mercato comunale"),
}
AZIONI = (
    "Laboratorio di quartiere",
    "Portierato sociale",
    "Sportello casa",
    "Animazione territoriale",
    "Accompagnamento all'abitare",
)
# The CAMBIO superciclabili, radial from Milano (end points: Comuni of the ring), and the other networks.
CAMBIO_LINES = (
    ("Linea 1 Milano – Sesto San Giovanni – Monza", ("Milano", "Sesto San Giovanni", "Cinisello Balsamo")),
    ("Linea 2 Milano – Rho – Legnano", ("Milano", "Pero", "Rho", "Pogliano Milanese", "Legnano")),
    ("Linea 4 Milano – Cernusco – Gorgonzola", ("Milano", "Vimodrone", "Cernusco sul Naviglio", "Gorgonzola")),
    (
        "Linea 6 Milano – San Donato – Melegnano",
        ("Milano", "San Donato Milanese", "San Giuliano Milanese", "Melegnano"),
    ),
    (
        "Linea 9 Milano – Corsico – Abbiategrasso",
        ("Milano", "Corsico", "Trezzano sul Naviglio", "Gaggiano", "Abbiategrasso"),
    ),
)
NETWORKS = (
    (
        "BICITALIA",
        "Ciclovia del Naviglio Grande (BI 12)",
        ("Milano", "Corsico", "Gaggiano", "Abbiategrasso", "Robecco sul Naviglio", "Bernate Ticino"),
    ),
    ("VENTO", "Ciclovia VENTO — variante del Naviglio Pavese", ("Milano", "Assago", "Rozzano", "Binasco")),
    (
        "MiBici",
        "MiBici — Martesana",
        ("Milano", "Cologno Monzese", "Cassina de' Pecchi", "Gorgonzola", "Inzago", "Cassano d'Adda"),
    ),
    ("MiBici", "MiBici — Villoresi", ("Nerviano", "Garbagnate Milanese", "Paderno Dugnano", "Cinisello Balsamo")),
    ("OSM", "Pista ciclabile dell'Olona", ("Legnano", "Canegrate", "San Vittore Olona", "Parabiago")),
    ("OSM", "Ciclabile del Lambro", ("Sesto San Giovanni", "Milano", "San Donato Milanese", "Melegnano")),
)
# Parks (real names, indicative outlines): name, type, Comuni whose union makes the outline (shrunk).
PARKS = (
    (
        "Parco Agricolo Sud Milano",
        "parco regionale",
        (
            "Rozzano",
            "Zibido San Giacomo",
            "Noviglio",
            "Binasco",
            "Lacchiarella",
            "Basiglio",
            "Opera",
            "Locate di Triulzi",
            "Pieve Emanuele",
            "Carpiano",
            "Cerro al Lambro",
        ),
    ),
    (
        "Parco Lombardo della Valle del Ticino",
        "parco regionale",
        (
            "Bernate Ticino",
            "Boffalora sopra Ticino",
            "Magenta",
            "Robecco sul Naviglio",
            "Ozzero",
            "Morimondo",
            "Besate",
            "Motta Visconti",
        ),
    ),
    ("Parco Nord Milano", "parco regionale", ("Bresso", "Cusano Milanino")),
    ("Parco delle Groane", "parco regionale", ("Solaro", "Senago", "Garbagnate Milanese")),
    ("Parco Adda Nord", "parco regionale", ("Trezzo sull'Adda", "Vaprio d'Adda", "Cassano d'Adda")),
    ("Parco naturale della Valle del Ticino", "parco naturale", ("Cuggiono", "Turbigo", "Robecchetto con Induno")),
    ("Riserva naturale Sorgenti della Muzzetta", "riserva regionale", ("Rodano",)),
    ("Riserva naturale Fontanile Nuovo", "riserva regionale", ("Bareggio",)),
)
PLIS = (
    ("PLIS del Roccolo", ("Arluno", "Casorezzo", "Parabiago")),
    ("PLIS dei Mulini", ("San Vittore Olona", "Nerviano")),
    ("PLIS Basso Olona Rhodense", ("Pregnana Milanese", "Rho", "Vanzago")),
    ("PLIS Est delle Cave", ("Cernusco sul Naviglio", "Vimodrone", "Cologno Monzese")),
    ("PLIS Media Valle del Lambro", ("Sesto San Giovanni",)),
    ("PLIS Grugnotorto Villoresi", ("Paderno Dugnano", "Cusano Milanino", "Cinisello Balsamo")),
    ("PLIS Alto Martesana", ("Bellinzago Lombardo", "Pozzo d'Adda", "Gessate")),
    ("PLIS Parco delle Cascine", ("Pioltello", "Segrate")),
)
SERVICES = (
    "Grandi strutture di vendita e luoghi di intrattenimento",
    "Centri sportivi",
    "Scuole e Università",
    "Strutture sanitarie",
    "Aeroporti e stazioni",
)
SERVICE_NAMES = {
    "Grandi strutture di vendita e luoghi di intrattenimento": "Centro commerciale",
    "Centri sportivi": "Centro sportivo",
    "Scuole e Università": "Polo scolastico superiore",
    "Strutture sanitarie": "Presidio ospedaliero",
    "Aeroporti e stazioni": "Nodo di interscambio",
}


def source_data_dir() -> Path:
    """../shared/data beside the project, or REMIX_SOURCE_DATA."""
    folder = Path(os.environ.get("REMIX_SOURCE_DATA") or paths.ROOT.parent / "shared" / "data")
    missing = [name for name in SOURCE_FILES if not (folder / name).is_file()]
    if missing:
        raise RemixError(
            f"Per generare il pacchetto dimostrativo servono i dati pubblici in «{folder}»: "
            f"mancano {', '.join(missing)} (impostare REMIX_SOURCE_DATA)."
        )
    return folder


class _Builder:
    """Holds the real Comuni (in EPSG:32632) and the seeded random generator while tables are made."""

    def __init__(self, source: Path, seed: int):
        self.source = source
        self.rng = random.Random(seed)
        self.to_utm = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(CRS), QgsProject.instance()
        )
        zones = {
            r["com_istat_code"]: r
            for r in csv.DictReader((source / "zone_omogenee_comuni.csv").read_text(encoding="utf-8").splitlines())
        }
        self.comuni = []  # (pro_com_t, comune, zona, affidabilita, geometry)
        for feature in _read(source / "comuni_cmm.geojson"):
            code = feature["com_istat_code"]
            row = zones[code]
            geometry = self.utm(feature.geometry())
            self.comuni.append((code, row["comune"], row["zona_omogenea"], row["affidabilita"], geometry))
        self.comuni.sort()
        self.by_name = {c[1]: c for c in self.comuni}
        self.engines = {}
        self.uses = {}

    def utm(self, geometry: QgsGeometry) -> QgsGeometry:
        copy = QgsGeometry(geometry)
        copy.transform(self.to_utm)
        return copy

    def comune(self, name: str):
        if name not in self.by_name:
            raise RemixError(f"Comune «{name}» non trovato in comuni_cmm.geojson.")
        return self.by_name[name]

    def engine(self, comune):
        """The Comune's boundary, prepared for repeated point-in-polygon tests."""
        engine = self.engines.get(comune[0])
        if engine is None:
            engine = QgsGeometry.createGeometryEngine(comune[4].constGet())
            engine.prepareGeometry()
            self.engines[comune[0]] = engine
        return engine

    def comune_at(self, point: QgsGeometry):
        """The Comune a point (EPSG:32632) lies in; on a boundary or just outside CMM, the nearest."""
        for comune in self.comuni:
            if comune[4].boundingBox().contains(point.boundingBox()) and self.engine(comune).intersects(
                point.constGet()
            ):
                return comune
        return min(self.comuni, key=lambda c: c[4].distance(point))

    def point_in(self, comune) -> QgsPointXY:
        """A random point inside a Comune (rejection sampling in its bounding box)."""
        geometry = comune[4]
        engine = self.engine(comune)
        box = geometry.boundingBox()
        for _ in range(500):
            point = QgsPointXY(
                self.rng.uniform(box.xMinimum(), box.xMaximum()), self.rng.uniform(box.yMinimum(), box.yMaximum())
            )
            candidate = QgsGeometry.fromPointXY(point)  # held: constGet() of a temporary would point at freed memory
            if engine.contains(candidate.constGet()):
                return point
        return geometry.pointOnSurface().asPoint()

    def blob(self, centre: QgsPointXY, hectares: float, comune) -> QgsGeometry:
        """An irregular polygon of about `hectares` around `centre`, kept inside its Comune."""
        radius = math.sqrt(hectares * 10000 / math.pi)
        sides = self.rng.randint(5, 9)
        start = self.rng.uniform(0, math.pi)
        ring = []
        for i in range(sides):
            angle = start + 2 * math.pi * i / sides
            r = radius * self.rng.uniform(0.75, 1.25)
            ring.append(QgsPointXY(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
        geometry = QgsGeometry.fromPolygonXY([ring + [ring[0]]]).intersection(comune[4])
        return _multi(geometry)

    def pick(self, pool: Sequence, weights: Optional[Sequence[float]] = None):
        return self.rng.choices(pool, weights=weights)[0] if weights else self.rng.choice(pool)

    def money(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high), 2)


# words of stop names kept as written: acronyms (FS, FN, FNM), line numbers, QT8
STOP_ACRONYMS = {"FS": "FS", "F.S.": "FS", "FN": "FN", "FNM": "FNM", "QT8": "QT8", "T.I.B.B.": "TIBB", "S.G.": "S.G."}
STOP_ACRONYMS.update({f"M{n}": f"M{n}" for n in range(1, 6)})
STOP_SMALL_WORDS = {"di", "de", "del", "della", "dei", "al", "alla", "sul", "sulla", "e", "in", "con"}
STOP_ABBREVIATIONS = {"P.TA": "P.ta", "S.": "S."}


def stop_name(raw: str, comune: str = "") -> str:
    """A station or metro stop name as Italians write it, from the sources' upper case: «SESTO 1 MAGGIO FS»
    → «Sesto 1° Maggio FS», «CASSANO D'ADDA» → «Cassano d'Adda», «P.TA GENOVA F.S.» → «P.ta Genova FS»;
    the name of the stop's own Comune as the Comune writes it («Cassina de' Pecchi»). Not str.title(),
    which makes «Fs» and «D'Adda»."""
    words = raw.split()
    out = []
    for index, word in enumerate(words):
        upper = word.upper()
        following = words[index + 1].upper() if index + 1 < len(words) else ""
        if upper in STOP_ACRONYMS:
            out.append(STOP_ACRONYMS[upper])
        elif upper in STOP_ABBREVIATIONS:
            out.append(STOP_ABBREVIATIONS[upper])
        elif word.isdigit() and following == "MAGGIO":
            out.append(word + "°")
        elif index and word.lower() in STOP_SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(_capitalise(word, first=index == 0))
    name = " ".join(out)
    if comune:  # the Comune's own spelling where the stop is named after it
        from remix_plugin.core.scope.model import normalise

        wanted = normalise(comune)
        for count in range(len(out), 0, -1):
            if normalise(" ".join(out[:count])) == wanted:
                name = " ".join([comune] + out[count:])
                break
    return name


def _capitalise(word: str, first: bool) -> str:
    """One word: «D'ADDA» → «d'Adda» (not first), «SFORZA-POLICLINICO» → «Sforza-Policlinico»,
    «S.DONATO» → «S.Donato»."""
    if "'" in word:
        head, _, tail = word.partition("'")
        head = head.lower() if len(head) == 1 and not first else head.capitalize()
        return f"{head}'{_capitalise(tail, first=False)}" if tail else head + "'"
    if "-" in word:
        return "-".join(_capitalise(part, first=True) for part in word.split("-"))
    return ".".join(part.capitalize() for part in word.split("."))


def _read(path: Path) -> List[QgsFeature]:
    layer = QgsVectorLayer(str(path), path.stem, "ogr")
    if not layer.isValid():
        raise RemixError(f"File «{path}» non leggibile.")
    return list(layer.getFeatures())


def _multi(geometry: QgsGeometry) -> QgsGeometry:
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    return geometry


UNBOUNDED = {"string": "string(0)", "double": "double(0,0)"}


def _layer(name: str, geometry: str, fields: Sequence[Tuple[str, str]], rows) -> QgsVectorLayer:
    # no length or precision: a bare "string" is 255 long (longer values are refused) and a bare "double"
    # is written to the GeoPackage rounded to 5 decimals
    spec = "&".join(f"field={n}:{UNBOUNDED.get(t, t)}" for n, t in fields)
    uri = f"{geometry}?crs={CRS}&{spec}" if geometry != "None" else f"None?{spec}"
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for geom, attributes in rows:
        feature = QgsFeature(layer.fields())
        if geom is not None:
            feature.setGeometry(geom)
        feature.setAttributes(list(attributes))
        features.append(feature)
    if not layer.dataProvider().addFeatures(features)[0]:
        raise RemixError(f"Tabella «{name}» del pacchetto dimostrativo: impossibile creare gli elementi.")
    return layer


AREA_FIELDS = (
    ("id", "string"),
    ("nome", "string"),
    ("pro_com_t", "string"),
    ("comune", "string"),
    ("fonte", "string"),
    ("aggiornamento", "string"),
    ("superficie_ha", "double"),
)
INTERVENTO_FIELDS = (
    ("cup", "string"),
    ("titolo", "string"),
    ("bando", "string"),
    ("natura", "string"),
    ("comuni", "string"),
    ("importo_totale", "double"),
    ("importo_finanziato", "double"),
    ("importo_cofinanziato", "double"),
    ("url_pagina", "string"),
    ("url_scheda", "string"),
    ("descrizione", "string"),
)


def _tables(b: _Builder, source: Path, seed: int) -> Dict[str, QgsVectorLayer]:
    tables = {}
    tables["comuni"] = _layer(
        "comuni",
        "MultiPolygon",
        (
            ("pro_com_t", "string"),
            ("comune", "string"),
            ("zona_omogenea", "string"),
            ("affidabilita_zona", "string"),
            ("superficie_kmq", "double"),
        ),
        [(_multi(g), (code, name, zona, affid, round(g.area() / 1e6, 3))) for code, name, zona, affid, g in b.comuni],
    )
    tables["zone_omogenee"] = _layer(
        "zone_omogenee",
        "MultiPolygon",
        (("zona_omogenea", "string"), ("zona_id", "string"), ("n_comuni", "integer"), ("affidabilita", "string")),
        [
            (_multi(b.utm(f.geometry())), (f["zona_omogenea"], f["zona_id"], f["n_comuni"], f["affidabilita"]))
            for f in sorted(_read(source / "zone_omogenee.geojson"), key=lambda f: f["zona_omogenea"])
        ],
    )
    for table, count, fonte, year, (low, high) in OPPORTUNITY:
        fields = AREA_FIELDS + ((("stato_suolo", "string"),) if table.startswith("offerta") else ())
        rows = []
        for n in range(1, count + 1):
            comune = b.pick(b.comuni)
            geometry = b.blob(b.point_in(comune), b.rng.uniform(low, high), comune)
            name = f"{b.pick(AREA_NAMES)} {b.pick(STREETS)}"
            attributes = [
                f"{table[:3].upper()}-{n:04d}",
                name,
                comune[0],
                comune[1],
                fonte,
                year,
                round(geometry.area() / 10000, 2),
            ]
            if table.startswith("offerta"):
                attributes.append(b.pick(LAND, (5, 3, 2)))
            rows.append((geometry, attributes))
        tables[table] = _layer(table, "MultiPolygon", fields, rows)
    shares = []
    tables.update(_interventi(b, source, shares))
    tables["interventi_comuni"] = _layer(
        "interventi_comuni",
        "None",
        (("cup", "string"), ("pro_com_t", "string"), ("quota", "double")),
        [(None, row) for row in shares],
    )
    tables.update(_context(b, source, tables["interventi_cambio"]))
    tables["metadata"] = _layer(
        "metadata",
        "None",
        (("chiave", "string"), ("valore", "string")),
        [
            (None, kv)
            for kv in (
                ("nome", "RE.MIX — pacchetto dimostrativo"),
                ("data", "2022-12-31"),
                (
                    "origine",
                    "Confini comunali ISTAT 2023 (openpolis, CC BY 4.0), Zone omogenee (delibera n. 11 del 22/02/2017, "
                    "appartenenza ricostruita in parte: vedere affidabilita_zona), stazioni e fermate della metropolitana "
                    "(OpenStreetMap/AMAT), progetti PINQuA (Italia Domani, dati validati 2023-02). Tutto il resto è "
                    "inventato: aree, interventi (CUP che iniziano con DEMO), parchi, servizi, reti ciclabili.",
                ),
                ("dimostrativo", "true"),
                ("versione_contratto", CONTRACT_VERSION),
                ("seme", str(seed)),
                ("crs", CRS),
            )
        ],
    )
    return tables


def _split_evenly(cup: str, codes: Sequence[str]) -> List[Tuple[str, str, float]]:
    """Equal shares that add up to exactly 1 (the last one takes the rounding)."""
    share = round(1 / len(codes), 6)
    rows = [(cup, code, share) for code in codes[:-1]]
    return rows + [(cup, codes[-1], round(1 - share * (len(codes) - 1), 6))]


def _interventi(b: _Builder, source: Path, shares: list) -> Dict[str, QgsVectorLayer]:
    tables = {}
    # PINQuA CO4Regeneration: the 22 real projects of CMM, and 4 made up to reach the portal's 26
    rows = []
    real = [
        r
        for r in csv.DictReader(
            (source / "pnrr_m5c2_progetti_validati_cmm.csv").read_text(encoding="utf-8").splitlines()
        )
        if r["Codice Univoco Submisura"] == "M5C2I2.03.01"
    ]
    for r in real:
        codes = [c for c in r["COD_ISTAT_COMUNE localizzazione"].split(";") if c]
        comuni = [next(c for c in b.comuni if c[0] == code) for code in codes]
        parts = [b.blob(b.point_in(c), b.rng.uniform(0.3, 2.0), c) for c in comuni]
        geometry = QgsGeometry.collectGeometry(parts) if len(parts) > 1 else parts[0]
        total = float(r["Finanziamento Totale"])
        funded = float(r["Finanziamento PNRR"])
        rows.append(
            (
                _multi(geometry),
                (
                    r["CUP"],
                    r["Titolo progetto"],
                    BANDI["pinqua"],
                    "lavori",
                    ", ".join(c[1] for c in comuni),
                    total,
                    funded,
                    round(total - funded, 2),
                    PAGES["pinqua"],
                    OPENCUP.format(cup=r["CUP"]),
                    r["Sintesi progetto"],
                ),
            )
        )
        shares.extend(_split_evenly(r["CUP"], codes))
    rows.extend(_made_up(b, "pinqua", 26 - len(real), len(real), ["Rho", "Baranzate", "Legnano", "Solaro"], shares))
    tables["interventi_pinqua"] = _layer("interventi_pinqua", "MultiPolygon", INTERVENTO_FIELDS, rows)

    belt = [c[1] for c in b.comuni if c[2] in ("Nord Milano", "Nord Ovest", "Sud Ovest", "Adda Martesana")]
    tables["interventi_periferie"] = _layer(
        "interventi_periferie", "MultiPolygon", INTERVENTO_FIELDS, _made_up(b, "periferie", 36, 0, belt[:24], shares)
    )
    points = []
    for n in range(15):
        comune = b.comune(b.pick(belt[:24]))
        cup = f"DEMOPA{n + 1:09d}"
        total = b.money(20_000, 180_000)
        geometry = None if n % 3 == 2 else QgsGeometry.fromPointXY(b.point_in(comune))  # 5 azioni with no place
        points.append(
            (
                geometry,
                (
                    cup,
                    f"{b.pick(AZIONI)} — {comune[1]}",
                    BANDI["periferie"],
                    "azioni",
                    comune[1],
                    total,
                    total,
                    0.0,
                    PAGES["periferie"],
                    None,
                    "Azione immateriale: il punto è collocato in modo indicativo.",
                ),
            )
        )
        shares.append((cup, comune[0], 1.0))
    tables["interventi_periferie_punti"] = _layer("interventi_periferie_punti", "Point", INTERVENTO_FIELDS, points)

    pool = [c[1] for c in b.comuni if c[1] != "Milano"]
    tables["interventi_comein"] = _layer(
        "interventi_comein",
        "MultiPolygon",
        INTERVENTO_FIELDS,
        _made_up(b, "comein", 37, 0, b.rng.sample(pool, 16), shares),
    )
    tables["interventi_mica"] = _layer(
        "interventi_mica",
        "MultiPolygon",
        INTERVENTO_FIELDS,
        _made_up(b, "mica", 13, 0, ["Milano"], shares, near=(9.2457, 45.4838)),
    )
    tables["interventi_spugna"] = _layer(
        "interventi_spugna",
        "MultiPolygon",
        INTERVENTO_FIELDS,
        _made_up(b, "spugna", 90, 0, b.rng.sample(pool, 32), shares, hectares=(0.05, 0.6)),
    )
    tables["interventi_altri_pui"] = _layer(
        "interventi_altri_pui",
        "MultiPolygon",
        INTERVENTO_FIELDS,
        _made_up(b, "altri_pui", 20, 0, ["Milano"] + b.rng.sample(pool, 6), shares),
    )
    lines = []
    for n, (title, names) in enumerate(CAMBIO_LINES, start=1):
        cup = f"DEMOCB{n:09d}"
        geometry = _route(b, names)
        crossed = [(c[0], c[1], geometry.intersection(c[4]).length()) for c in b.comuni if geometry.intersects(c[4])]
        crossed = [c for c in crossed if c[2] > 1.0]
        total = b.money(4_000_000, 12_000_000)
        lines.append(
            (
                geometry,
                (
                    cup,
                    f"Superciclabile {title}",
                    BANDI["cambio"],
                    "lavori",
                    ", ".join(c[1] for c in crossed),
                    total,
                    total,
                    0.0,
                    PAGES["cambio"],
                    None,
                    "Tracciato indicativo lungo il Biciplan CAMBIO.",
                ),
            )
        )
        length = sum(c[2] for c in crossed)
        quotas = [round(c[2] / length, 6) for c in crossed]
        quotas[-1] = round(1 - sum(quotas[:-1]), 6)
        shares.extend((cup, c[0], q) for c, q in zip(crossed, quotas))
    tables["interventi_cambio"] = _layer("interventi_cambio", "MultiLineString", INTERVENTO_FIELDS, lines)
    return tables


def _made_up(
    b: _Builder,
    key: str,
    count: int,
    offset: int,
    comuni_names: Sequence[str],
    shares: list,
    near: Optional[Tuple[float, float]] = None,
    hectares=(0.2, 3.0),
):
    """Made-up interventi (CUP "DEMO…") in the given Comuni; one in five shared with a neighbour."""
    rows = []
    code = {"periferie": "PE", "comein": "CI", "pinqua": "PQ", "mica": "MI", "spugna": "SP", "altri_pui": "AP"}[key]
    for n in range(offset + 1, offset + count + 1):
        cup = f"DEMO{code}{n:09d}"
        comune = b.comune(comuni_names[(n - offset - 1) % len(comuni_names)])
        if near:
            centre = b.utm(QgsGeometry.fromPointXY(QgsPointXY(*near))).asPoint()
            centre = QgsPointXY(centre.x() + b.rng.uniform(-900, 900), centre.y() + b.rng.uniform(-700, 700))
        else:
            centre = b.point_in(comune)
        parts = [b.blob(centre, b.rng.uniform(*hectares), comune)]
        members = [comune]
        if not near and n % 5 == 0:
            neighbours = [c for c in b.comuni if c is not comune and c[4].touches(comune[4])]
            if neighbours:
                other = b.pick(neighbours)
                parts.append(b.blob(b.point_in(other), b.rng.uniform(*hectares), other))
                members.append(other)
        total = b.money(150_000, 4_000_000)
        funded = round(total * b.rng.choice((1.0, 1.0, 0.9, 0.8, 0.7)), 2)
        geometry = QgsGeometry.collectGeometry(parts) if len(parts) > 1 else parts[0]
        rows.append(
            (
                _multi(geometry),
                (
                    cup,
                    f"{b.pick(WORKS[key])} — {comune[1]}",
                    BANDI[key],
                    "lavori",
                    ", ".join(c[1] for c in members),
                    total,
                    funded,
                    round(total - funded, 2),
                    PAGES[key],
                    None,
                    "Intervento dimostrativo (non reale).",
                ),
            )
        )
        shares.extend(_split_evenly(cup, [c[0] for c in members]))
    return rows


def _route(b: _Builder, names: Sequence[str]) -> QgsGeometry:
    """A gently wiggling line through the Comuni's inner points, named in order."""
    points = []
    anchors = [b.comune(name)[4].pointOnSurface().asPoint() for name in names if name in b.by_name]
    for start, end in zip(anchors, anchors[1:]):
        for step in range(6):
            t = step / 6
            points.append(
                QgsPointXY(
                    start.x() + (end.x() - start.x()) * t + b.rng.uniform(-250, 250),
                    start.y() + (end.y() - start.y()) * t + b.rng.uniform(-250, 250),
                )
            )
    points.append(anchors[-1])
    return _multi(QgsGeometry.fromPolylineXY(points))


def _shrunk_union(b: _Builder, names: Sequence[str], metres: float) -> QgsGeometry:
    geometry = QgsGeometry.unaryUnion([b.comune(name)[4] for name in names])
    return _multi(geometry.buffer(-metres, 8).simplify(50))


def _context(b: _Builder, source: Path, cambio: QgsVectorLayer) -> Dict[str, QgsVectorLayer]:
    tables = {}
    tables["parchi"] = _layer(
        "parchi",
        "MultiPolygon",
        (("nome", "string"), ("tipo", "string")),
        [(_shrunk_union(b, names, 600 if len(names) > 1 else 300), (name, kind)) for name, kind, names in PARKS],
    )
    tables["plis"] = _layer(
        "plis",
        "MultiPolygon",
        (("nome", "string"), ("tipo", "string")),
        [(_shrunk_union(b, names, 700 if len(names) > 1 else 500), (name, "PLIS")) for name, names in PLIS],
    )
    stops = []
    for f in _read(source / "stazioni_ferroviarie_cmm.geojson"):
        relevance = "metropolitana" if f["comune"] == "Milano" else "sovracomunale"
        name = stop_name(str(f["stop_name"]), str(f["comune"]))
        stops.append((b.utm(f.geometry()), (name, relevance, "ferrovia", f["com_istat_code"])))
    seen = set()
    for f in _read(source / "metro_fermate_milano.geojson"):
        point = b.utm(f.geometry())
        comune = b.comune_at(point)  # the metro reaches Sesto, Cologno, Assago, Rho, Gessate...: not only Milano
        name = stop_name(str(f["nome"]), comune[1])
        if name in seen:
            continue
        seen.add(name)
        stops.append((point, (name, "metropolitana", f"metropolitana M{f['linee']}", comune[0])))
    tables["stazioni"] = _layer(
        "stazioni",
        "Point",
        (("nome", "string"), ("rilevanza", "string"), ("tipo", "string"), ("pro_com_t", "string")),
        stops,
    )
    services = []
    large = sorted(b.comuni, key=lambda c: -c[4].area())[:40]
    for n in range(60):
        category = SERVICES[n % len(SERVICES)]
        comune = large[(n * 7) % len(large)]
        services.append(
            (
                QgsGeometry.fromPointXY(b.point_in(comune)),
                (f"{SERVICE_NAMES[category]} di {comune[1]}", category, comune[0]),
            )
        )
    linate = b.utm(QgsGeometry.fromPointXY(QgsPointXY(9.2783, 45.4494)))
    services.append((linate, ("Aeroporto di Milano Linate", "Aeroporti e stazioni", "015205")))
    tables["servizi_sovracomunali"] = _layer(
        "servizi_sovracomunali",
        "Point",
        (("nome", "string"), ("categoria", "string"), ("pro_com_t", "string")),
        services,
    )
    routes = [(_route(b, names), (name, network)) for network, name, names in NETWORKS]
    routes += [(f.geometry(), (f["titolo"], "CAMBIO")) for f in cambio.getFeatures()]
    tables["rete_ciclabile"] = _layer(
        "rete_ciclabile", "MultiLineString", (("nome", "string"), ("rete", "string")), routes
    )
    return tables


def _null_empty_geometries(gpkg: Path, tables: Sequence[str]) -> None:
    """QGIS's writer stores a missing geometry as an empty one; the contract wants NULL (an AZIONE with no place)."""
    from osgeo import ogr

    source = ogr.Open(str(gpkg), 1)
    for table in tables:
        column = source.GetLayerByName(table).GetGeometryColumn()
        source.ExecuteSQL(f'UPDATE "{table}" SET "{column}" = NULL WHERE ST_IsEmpty("{column}")')
    source = None


def build_demo_pack(path: Path = None, seed: int = SEED, source: Path = None) -> Path:
    """Write the demo pack to `path` (atomically: a half-written pack never replaces a good one)."""
    path = Path(path or paths.DEMO_PACK)
    source = Path(source) if source else source_data_dir()
    builder = _Builder(source, seed)
    tables = _tables(builder, source, seed)
    partial = path.with_name(path.stem + ".parziale.gpkg")
    if partial.exists():
        partial.unlink()
    for name, layer in tables.items():
        write_to_gpkg(layer, partial, name)
    _null_empty_geometries(partial, [name for name, layer in tables.items() if layer.isSpatial()])
    os.replace(partial, path)
    return path


def summary(path: Path) -> Dict[str, int]:
    """Feature count per table (what `demo-pack` prints and the docs list)."""
    return {table: open_table(path, table).featureCount() for table in sorted(pack_tables(path))}


if __name__ == "__main__":
    from remix_plugin.cli import main

    sys.exit(main(["demo-pack", *sys.argv[1:]]))
