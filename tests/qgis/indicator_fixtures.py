"""A hand-built world with known answers for the synthesis indicators.

Four Comuni, squares of 1 km (100 ha) side by side in EPSG:32632:

    Cassina de' Pecchi (015004, Sud) |
    Alfa (015001, Nord) | Beta (015002, Nord) | Gamma (015003, Sud)

Opportunity areas (m²): Alfa 90 000 (two 40 000 squares overlapping by 10 000 from two databases,
plus half of a 40 000 square across the Alfa/Beta boundary); Beta 60 000 (the other half and an
«edificato» Offerta AT; a «libero» one and one without stato_suolo do not count); Gamma 60 000 (an
Offerta PA stored in EPSG:4326 and a bow-tie of two 10 000 triangles that must be repaired);
Cassina de' Pecchi nothing.

Funding (€): CUP1 1 000 000,00 all Alfa; CUP2 100 000,01 shared Alfa 0,5 / Beta 0,3 / Gamma 0,2;
CUP3 100,00 shared in thirds; CUP4 an AZIONE whose point lies in Cassina de' Pecchi but whose quota
is all Beta; CUP5 an AZIONE without geometry, all Gamma; CUP6 a polygon in Gamma missing from
interventi_comuni (shared by its geometry); CUP1 again in another table (counted once); a MICA
intervento (not one of the three calls, never counted).
"""

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from remix_plugin.core.data.layers import write_to_gpkg

X0, Y0 = 500000.0, 5000000.0
COMUNI = [
    ("015001", "Alfa", "Nord", (0, 0)),
    ("015002", "Beta", "Nord", (1000, 0)),
    ("015003", "Gamma", "Sud", (2000, 0)),
    ("015004", "Cassina de' Pecchi", "Sud", (0, 1000)),
]
EXPECTED_M2 = {"015001": 90000.0, "015002": 60000.0, "015003": 60000.0, "015004": 0.0}
EXPECTED_FINANZIATO = {
    "015001": 1050000.01 + 33.34,
    "015002": 30000.00 + 33.33 + 5000.00,
    "015003": 20000.00 + 33.33 + 7000.00 + 9000.00,
    "015004": 0.0,
}
TOTAL_FINANZIATO = 1000000.00 + 100000.01 + 100.00 + 5000.00 + 7000.00 + 9000.00
OPPORTUNITY_FIELDS = (
    "field=id:string&field=nome:string&field=pro_com_t:string&field=fonte:string&field=aggiornamento:string"
)
INTERVENTI_FIELDS = (
    "field=cup:string&field=titolo:string&field=bando:string&field=natura:string"
    "&field=importo_totale:double&field=importo_finanziato:double&field=importo_cofinanziato:double"
)


def square(x, y, size):
    return QgsGeometry.fromWkt(
        f"MULTIPOLYGON((({X0 + x} {Y0 + y}, {X0 + x + size} {Y0 + y}, {X0 + x + size} "
        f"{Y0 + y + size}, {X0 + x} {Y0 + y + size}, {X0 + x} {Y0 + y})))"
    )


def rectangle(x0, y0, x1, y1):
    return QgsGeometry.fromWkt(
        f"MULTIPOLYGON((({X0 + x0} {Y0 + y0}, {X0 + x1} {Y0 + y0}, {X0 + x1} {Y0 + y1}, "
        f"{X0 + x0} {Y0 + y1}, {X0 + x0} {Y0 + y0})))"
    )


def memory_layer(name, geometry, fields, rows, crs="EPSG:32632"):
    layer = QgsVectorLayer(f"{geometry}?crs={crs}&{fields}" if geometry != "None" else f"None?{fields}", name, "memory")
    features = []
    for geom, attributes in rows:
        feature = QgsFeature(layer.fields())
        if geom is not None:
            feature.setGeometry(geom)
        feature.setAttributes(attributes)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def to_crs(geometry, authid):
    copy = QgsGeometry(geometry)
    copy.transform(
        QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:32632"), QgsCoordinateReferenceSystem(authid), QgsProject.instance()
        )
    )
    return copy


def world_layers():
    """table -> memory layer, as the indicators read them."""
    comuni = memory_layer(
        "comuni",
        "MultiPolygon",
        "field=pro_com_t:string&field=comune:string&field=zona_omogenea:string" "&field=popolazione:integer",
        [
            (square(x, y, 1000), [code, name, zona, 1000 * (n + 1)])
            for n, (code, name, zona, (x, y)) in enumerate(COMUNI)
        ],
    )
    zone = memory_layer(
        "zone_omogenee",
        "MultiPolygon",
        "field=zona_omogenea:string",
        [(rectangle(0, 0, 2000, 1000), ["Nord"]), (rectangle(2000, 0, 3000, 2000), ["Sud"])],
    )
    metadata = memory_layer(
        "metadata",
        "None",
        "field=chiave:string&field=valore:string",
        [(None, ["nome", "Mondo di prova"]), (None, ["dimostrativo", "true"])],
    )
    bowtie = QgsGeometry.fromWkt(
        f"MULTIPOLYGON((({X0 + 2500} {Y0 + 500}, {X0 + 2700} {Y0 + 700}, {X0 + 2700} {Y0 + 500}, "
        f"{X0 + 2500} {Y0 + 700}, {X0 + 2500} {Y0 + 500})))"
    )
    layers = {
        "comuni": comuni,
        "zone_omogenee": zone,
        "metadata": metadata,
        "aree_remix": memory_layer(
            "aree_remix",
            "MultiPolygon",
            OPPORTUNITY_FIELDS,
            [
                (square(100, 100, 200), ["R1", "Ex fornace", "015001", "Comune", "2018"]),
                (bowtie, ["R2", "Farfalla", "015003", "Comune", "2018"]),
            ],
        ),
        "ambiti_rigenerazione_8bis_40bis": memory_layer(
            "ambiti",
            "MultiPolygon",
            OPPORTUNITY_FIELDS,
            [(square(200, 200, 200), ["A1", "Ambito 8bis", "015001", "Delibera", "2022"])],
        ),
        "aree_rigenerazione_pgt": memory_layer(
            "pgt",
            "MultiPolygon",
            OPPORTUNITY_FIELDS,
            [(rectangle(900, 500, 1100, 700), ["G1", "A cavallo", "015001", "PGT", "2022"])],
        ),
        "offerta_at_2020": memory_layer(
            "at",
            "MultiPolygon",
            OPPORTUNITY_FIELDS + "&field=stato_suolo:string",
            [
                (square(1200, 200, 200), ["AT1", "Edificato", "015002", "Indagine", "2020", "edificato"]),
                (square(1500, 200, 200), ["AT2", "Libero", "015002", "Indagine", "2020", "libero"]),
                (square(1500, 600, 200), ["AT3", "Senza stato", "015002", "Indagine", "2020", None]),
            ],
        ),
        "offerta_pa_2020": memory_layer(
            "pa",
            "MultiPolygon",
            OPPORTUNITY_FIELDS + "&field=stato_suolo:string",
            [
                (
                    to_crs(square(2200, 200, 200), "EPSG:4326"),
                    ["PA1", "In gradi", "015003", "Indagine", "2020", "parzialmente edificato"],
                )
            ],
            crs="EPSG:4326",
        ),
        "aree_dismesse_2010": memory_layer(
            "dismesse",
            "MultiPolygon",
            OPPORTUNITY_FIELDS,
            [(square(2100, 100, 500), ["D1", "Non in §4", "015003", "Regione", "2010"])],
        ),
        "interventi_pinqua": memory_layer(
            "pinqua",
            "MultiPolygon",
            INTERVENTI_FIELDS,
            [
                (
                    square(500, 500, 100),
                    ["CUP1", "Case di via Roma", "PINQuA", "lavori", 1250000.00, 1000000.00, 250000.00],
                )
            ],
        ),
        "interventi_comein": memory_layer(
            "comein",
            "MultiPolygon",
            INTERVENTI_FIELDS,
            [
                (
                    rectangle(500, 800, 2500, 900),
                    ["CUP2", "Percorso in tre Comuni", "COME-IN", "lavori", 100000.01, 100000.01, 0],
                ),
                (None, ["CUP3", "Rete di servizi", "COME-IN", "azioni", 100.0, 100.0, 0]),
            ],
        ),
        "interventi_periferie": memory_layer(
            "periferie",
            "MultiPolygon",
            INTERVENTI_FIELDS,
            [
                (square(2600, 100, 100), ["CUP6", "Senza quote", "Periferie", "lavori", 9000.0, 9000.0, 0]),
                (square(100, 700, 100), ["CUP1", "Doppione", "Periferie", "lavori", 1250000.00, 1000000.00, 250000.00]),
            ],
        ),
        "interventi_periferie_punti": memory_layer(
            "periferie_punti",
            "Point",
            INTERVENTI_FIELDS,
            [
                (
                    QgsGeometry.fromWkt(f"POINT({X0 + 500} {Y0 + 1500})"),
                    ["CUP4", "Azione messa a caso", "Periferie", "azioni", 5000.0, 5000.0, 0],
                ),
                (None, ["CUP5", "Azione senza luogo", "Periferie", "azioni", 7000.0, 7000.0, 0]),
            ],
        ),
        "interventi_mica": memory_layer(
            "mica",
            "MultiPolygon",
            INTERVENTI_FIELDS,
            [(square(300, 300, 100), ["CUP9", "Non conta", "MICA", "lavori", 9e6, 9e6, 0])],
        ),
        "interventi_comuni": memory_layer(
            "interventi_comuni",
            "None",
            "field=cup:string&field=pro_com_t:string&field=quota:double",
            [
                (None, ["CUP1", "015001", 1.0]),
                (None, ["CUP2", "015001", 0.5]),
                (None, ["CUP2", "015002", 0.3]),
                (None, ["CUP2", "015003", 0.2]),
                (None, ["CUP3", "015001", 1 / 3]),
                (None, ["CUP3", "015002", 1 / 3]),
                (None, ["CUP3", "015003", 1 / 3]),
                (None, ["CUP4", "015002", 1.0]),
                (None, ["CUP5", "015003", 1.0]),
                (None, ["CUP9", "015001", 1.0]),
            ],
        ),
    }
    return layers


def write_world_pack(path: Path) -> Path:
    """The same world as a data-pack GeoPackage (each table in its own CRS, as stored)."""
    for table, layer in world_layers().items():
        write_to_gpkg(layer, path, table)
    return path
