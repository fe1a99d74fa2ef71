"""Realistic files a Comune technician sends with a PGT, and a small data pack to read them against,
built at test time around Rho (015182) from the real Comuni boundaries in ../shared/data.

Geometries are squares placed in metres from a point well inside Rho (its pole of inaccessibility),
so every expected problem and every coherence figure is known exactly. Written with GDAL/OGR, as
the technicians' own GIS would: a CP1252 shapefile in EPSG:3003 with 10-character Italian field
names, a GeoPackage with a self-intersecting polygon, a GeoJSON in EPSG:4326...
"""

import csv
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr

RHO = "015182"
SIDE = 100.0


def _srs(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _transform(src: int, dst: int):
    return osr.CoordinateTransformation(_srs(src), _srs(dst))


def features_32632(path: Path, where: str = ""):
    """(attributes, OGR geometry in EPSG:32632) of the features of a WGS 84 GeoJSON file of ../shared/data."""
    source = ogr.Open(str(path))
    layer = source.GetLayer(0)
    if where:
        layer.SetAttributeFilter(where)
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()  # cloned: OGR frees the geometry with its feature
        geometry.AssignSpatialReference(_srs(4326))
        geometry.Transform(_transform(4326, 32632))
        yield {name: feature.GetField(name) for name in feature.keys()}, geometry  # noqa: SIM118 (an OGR feature iterates values)


def comune_geometry(shared_data: Path, code: str) -> ogr.Geometry:
    """A Comune's real boundary (OGR geometry, EPSG:32632)."""
    return next(
        geometry for _, geometry in features_32632(shared_data / "comuni_cmm.geojson", f"com_istat_code = '{code}'")
    )


def rho_frame(shared_data: Path):
    """Rho's boundary and a point inside it with 1.7 km of room around (its pole of inaccessibility)."""
    return comune_geometry(shared_data, RHO), (503819.0, 5042740.0)


def square(origin, x0, y0, x1, y1) -> ogr.Geometry:
    ox, oy = origin
    return ogr.CreateGeometryFromWkt(
        f"POLYGON(({ox + x0} {oy + y0},{ox + x1} {oy + y0},{ox + x1} {oy + y1},{ox + x0} {oy + y1},{ox + x0} {oy + y0}))"
    )


def straddling_square(boundary: ogr.Geometry, origin, half: float = 100.0) -> ogr.Geometry:
    """A square centred on the vertex of Rho's boundary nearest to `origin`: about half outside."""
    ring = boundary.Boundary()
    lines = [ring.GetGeometryRef(i) for i in range(ring.GetGeometryCount())] or [ring]
    vertices = [(x, y) for line in lines for x, y, *_ in line.GetPoints()]
    x, y = min(vertices, key=lambda v: (v[0] - origin[0]) ** 2 + (v[1] - origin[1]) ** 2)
    return square((x, y), -half, -half, half, half)


def write_layer(
    path: Path, driver: str, name: str, epsg: int, fields, rows, options=(), from_epsg: int = 32632, kind=ogr.wkbPolygon
):
    """rows: (values dict, OGR geometry in `from_epsg` or None). Returns the file path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    drv = ogr.GetDriverByName(driver)
    source = drv.Open(str(path), 1) if path.exists() and driver == "GPKG" else drv.CreateDataSource(str(path))
    layer = source.CreateLayer(name, _srs(epsg), kind, options=list(options))
    for field_name, field_type in fields:
        layer.CreateField(ogr.FieldDefn(field_name, field_type))
    transform = _transform(from_epsg, epsg) if epsg != from_epsg else None
    for values, geometry in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            if value is not None:
                feature.SetField(key, value)
        if geometry is not None:
            geometry = geometry.Clone()
            if transform is not None:
                geometry.Transform(transform)
            if kind == ogr.wkbMultiPolygon:
                geometry = ogr.ForceToMultiPolygon(geometry)
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    source = None
    return path


# --- the technician's files -----------------------------------------------------------------

AT_FIELDS = [
    ("COD_AT", ogr.OFTString),
    ("DENOMINAZ", ogr.OFTString),
    ("DESTINAZ", ogr.OFTString),
    ("STATO_SUOL", ogr.OFTString),
    ("ST_MQ", ogr.OFTReal),
    ("SOVRACOM", ogr.OFTString),
]
AT_NAMES = {"AT-01": "Area ex Cotonificio – Città giardino", "AT-02": "Comparto Stazione: attività ricettive"}


def cp1252_shapefile(path: Path, fields, rows) -> Path:
    """A shapefile in EPSG:3003 encoded in CP1252, with its .cpg, as Windows GIS software writes it."""
    qgis_setting = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)  # QGIS turns GDAL's recoding off; a technician's GIS has it on
    try:
        return write_layer(path, "ESRI Shapefile", path.stem, 3003, fields, rows, options=["ENCODING=CP1252"])
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", qgis_setting)


def ambiti_trasformazione_shapefile(folder: Path, boundary, origin) -> Path:
    """Shapefile, EPSG:3003 (Monte Mario / Italy zone 1), CP1252 .cpg, dBase field names."""
    rows = [
        (
            {
                "COD_AT": "AT-01",
                "DENOMINAZ": AT_NAMES["AT-01"],
                "DESTINAZ": "Residenziale",
                "STATO_SUOL": "edificato",
                "ST_MQ": 40000.0,
                "SOVRACOM": "Sì",
            },
            square(origin, 0, 0, 200, 200),
        ),
        (
            {
                "COD_AT": "AT-02",
                "DENOMINAZ": AT_NAMES["AT-02"],
                "DESTINAZ": "ricettiva",
                "STATO_SUOL": "libero",
                "ST_MQ": 10000.0,
                "SOVRACOM": "NO",
            },
            square(origin, -400, 0, -300, 100),
        ),
        (
            {
                "COD_AT": "AT-03",
                "DENOMINAZ": "Ambito di frangia",
                "DESTINAZ": "produttiva",
                "STATO_SUOL": "parzialmente edificato",
                "ST_MQ": 40000.0,
                "SOVRACOM": "no",
            },
            straddling_square(boundary, origin),
        ),
        (
            {
                "COD_AT": "AT-04",
                "DENOMINAZ": "Piazza nuova",
                "DESTINAZ": "mista",
                "STATO_SUOL": "edificato",
                "ST_MQ": 22500.0,
                "SOVRACOM": "no",
            },
            square(origin, 150, 150, 300, 300),
        ),
        (
            {
                "COD_AT": "AT-04",
                "DENOMINAZ": "Corte dei Mulini",
                "DESTINAZ": "servizi",
                "STATO_SUOL": "libero",
                "ST_MQ": 10000.0,
                "SOVRACOM": "no",
            },
            square(origin, -400, -400, -300, -300),
        ),
        (
            {
                "COD_AT": "AT-06",
                "DENOMINAZ": "Ex deposito",
                "DESTINAZ": None,
                "STATO_SUOL": "edificato",
                "ST_MQ": 10000.0,
                "SOVRACOM": "no",
            },
            square(origin, 300, -300, 400, -200),
        ),
    ]
    path = cp1252_shapefile(Path(folder) / "AT_PGT_2024.shp", AT_FIELDS, rows)
    assert "Città".encode("cp1252") in path.with_suffix(".dbf").read_bytes()
    assert path.with_suffix(".cpg").read_text().strip().upper() in ("CP1252", "1252")
    return path


def piani_attuativi_gpkg(folder: Path, origin) -> Path:
    """GeoPackage in EPSG:32632, layer «pa_vigenti»; PA-02 is a bow tie (self-intersecting)."""
    ox, oy = origin
    bow_tie = ogr.CreateGeometryFromWkt(
        f"POLYGON(({ox + 600} {oy}, {ox + 700} {oy + 100}, {ox + 700} {oy}, {ox + 600} {oy + 100}, {ox + 600} {oy}))"
    )
    fields = [
        ("codice", ogr.OFTString),
        ("tipo", ogr.OFTString),
        ("stato", ogr.OFTString),
        ("destinazione", ogr.OFTString),
        ("stato_suolo", ogr.OFTString),
        ("data_appr", ogr.OFTString),
    ]
    rows = [
        (
            {
                "codice": "PA-01",
                "tipo": "PL",
                "stato": "convenzionato",
                "destinazione": "residenziale",
                "stato_suolo": "libero",
                "data_appr": "12/03/2019",
            },
            square(origin, 600, 300, 700, 400),
        ),
        (
            {
                "codice": "PA-02",
                "tipo": "PII",
                "stato": "approvato",
                "destinazione": "terziaria",
                "stato_suolo": "edificato",
                "data_appr": "2021-07-01",
            },
            bow_tie,
        ),
    ]
    return write_layer(Path(folder) / "piani_attuativi.gpkg", "GPKG", "pa_vigenti", 32632, fields, rows)


def ambiti_rigenerazione_geojson(folder: Path, origin) -> Path:
    """GeoJSON in EPSG:4326; AR-02 lies in Milano, wholly outside Rho."""
    fields = [
        ("codice", ogr.OFTString),
        ("nome", ogr.OFTString),
        ("articolo", ogr.OFTString),
        ("delibera", ogr.OFTString),
    ]
    rows = [
        (
            {"codice": "AR-01", "nome": "Quartiere Stazione", "articolo": "art. 8 bis", "delibera": "DCC n. 12/2021"},
            square(origin, -500, 300, -300, 500),
        ),
        (
            {"codice": "AR-02", "nome": "Ambito fuori confine", "articolo": "40bis", "delibera": "DCC n. 12/2021"},
            square((514318.0, 5035140.0), 0, 0, 100, 100),
        ),
    ]
    return write_layer(
        Path(folder) / "ambiti_rigenerazione.geojson", "GeoJSON", "ambiti_rigenerazione", 4326, fields, rows
    )


def aree_dismesse_gpkg(folder: Path, origin) -> Path:
    """GeoPackage layer with one feature without geometry (a row typed in the attribute table) and a
    value outside the list of an optional field."""
    fields = [
        ("codice", ogr.OFTString),
        ("uso_prec", ogr.OFTString),
        ("stato_dism", ogr.OFTString),
        ("anno", ogr.OFTInteger),
        ("bonifica", ogr.OFTString),
    ]
    rows = [
        (
            {
                "codice": "AD-01",
                "uso_prec": "produttivo",
                "stato_dism": "dismessa",
                "anno": 2009,
                "bonifica": "in programma",
            },
            square(origin, -200, -700, 0, -500),
        ),
        ({"codice": "AD-02", "uso_prec": "ferroviario", "stato_dism": "dismessa", "anno": 2015}, None),
    ]
    return write_layer(Path(folder) / "aree_dismesse.gpkg", "GPKG", "aree_dismesse", 32632, fields, rows)


def many_areas_shapefile(folder: Path, boundary: ogr.Geometry, count: int = 500, side: float = 80.0) -> Path:
    """`count` Ambiti di Trasformazione on a regular grid inside `boundary`: a large PGT (EPSG:3003, CP1252)."""
    minx, maxx, miny, maxy = boundary.GetEnvelope()
    step = ((maxx - minx) * (maxy - miny) / (count * 2.5)) ** 0.5
    destinations = ["residenziale", "produttiva", "terziaria", "commerciale", "servizi", "mista", "ricettiva"]
    rows, y = [], miny
    while len(rows) < count and y < maxy:
        x = minx
        while len(rows) < count and x < maxx:
            area = square((x, y), 0, 0, side, side)
            if boundary.Contains(area):
                number = len(rows) + 1
                rows.append(
                    (
                        {
                            "COD_AT": f"AT-{number:03d}",
                            "DENOMINAZ": f"Ambito n. {number} – città",
                            "DESTINAZ": destinations[number % len(destinations)],
                            "STATO_SUOL": "edificato",
                            "ST_MQ": side * side,
                            "SOVRACOM": "no",
                        },
                        area,
                    )
                )
            x += step
        y += step
    assert len(rows) == count, f"solo {len(rows)} aree nel Comune"
    return cp1252_shapefile(Path(folder) / "AT_grande.shp", AT_FIELDS, rows)


def technician_files(folder: Path, shared_data: Path) -> dict:
    """theme id -> path (or path:layer) of every technician's file."""
    boundary, origin = rho_frame(shared_data)
    return {
        "ambiti_trasformazione": str(ambiti_trasformazione_shapefile(folder, boundary, origin)),
        "piani_attuativi": f"{piani_attuativi_gpkg(folder, origin)}:pa_vigenti",
        "ambiti_rigenerazione": str(ambiti_rigenerazione_geojson(folder, origin)),
        "aree_dismesse": str(aree_dismesse_gpkg(folder, origin)),
    }


# --- a small data pack around the same areas ------------------------------------------------


def build_pgt_pack(path: Path, shared_data: Path) -> Path:
    """The Comuni (real boundaries) and a few catalogue features placed next to the technician's areas."""
    path = Path(path)
    _, origin = rho_frame(shared_data)
    zones = {
        row["com_istat_code"]: row["zona_omogenea"]
        for row in csv.DictReader((shared_data / "zone_omogenee_comuni.csv").open(encoding="utf-8"))
    }
    rows = [
        ({"pro_com_t": f["com_istat_code"], "comune": f["name"], "zona_omogenea": zones[f["com_istat_code"]]}, g)
        for f, g in features_32632(shared_data / "comuni_cmm.geojson")
    ]
    write_layer(
        path,
        "GPKG",
        "comuni",
        32632,
        [("pro_com_t", ogr.OFTString), ("comune", ogr.OFTString), ("zona_omogenea", ogr.OFTString)],
        rows,
        kind=ogr.wkbMultiPolygon,
    )
    zone_rows = [
        ({"zona_omogenea": f["zona_omogenea"]}, g) for f, g in features_32632(shared_data / "zone_omogenee.geojson")
    ]
    write_layer(
        path, "GPKG", "zone_omogenee", 32632, [("zona_omogenea", ogr.OFTString)], zone_rows, kind=ogr.wkbMultiPolygon
    )
    area_fields = [
        ("id", ogr.OFTString),
        ("nome", ogr.OFTString),
        ("pro_com_t", ogr.OFTString),
        ("fonte", ogr.OFTString),
        ("aggiornamento", ogr.OFTString),
    ]
    write_layer(
        path,
        "GPKG",
        "aree_remix",
        32632,
        area_fields,
        [
            (
                {"id": "R-1", "nome": "Ex scalo merci, area ATTRACT", "pro_com_t": RHO, "fonte": "prova"},
                square(origin, 100, 0, 300, 100),
            )
        ],
    )
    write_layer(
        path,
        "GPKG",
        "offerta_at_2020",
        32632,
        area_fields + [("stato_suolo", ogr.OFTString)],
        [
            (
                {"id": "O-1", "nome": "AT Rho 3", "pro_com_t": RHO, "stato_suolo": "edificato"},
                square(origin, 100, 50, 200, 200),
            )
        ],
    )
    write_layer(
        path,
        "GPKG",
        "plis",
        32632,
        [("nome", ogr.OFTString), ("tipo", ogr.OFTString)],
        [({"nome": "PLIS dei Mulini", "tipo": "PLIS"}, square(origin, -450, -450, -350, -250))],
    )
    write_layer(
        path,
        "GPKG",
        "interventi_pinqua",
        32632,
        [("cup", ogr.OFTString), ("titolo", ogr.OFTString), ("bando", ogr.OFTString)],
        [
            (
                {"cup": "C41I21000020001", "titolo": "Riqualificazione ERP via Rosselli 4", "bando": "PINQuA"},
                square(origin, 0, 400, 50, 450),
            )
        ],
    )
    stop_source = _point_layer(path, "stazioni", [("nome", ogr.OFTString), ("rilevanza", ogr.OFTString)])
    stops = (("Rho Centro", "metropolitana", (-350, 50)), ("Rho Sud", "sovracomunale", (0, -3000)))
    for name, relevance, (dx, dy) in stops:
        feature = ogr.Feature(stop_source.GetLayer("stazioni").GetLayerDefn())
        feature.SetField("nome", name)
        feature.SetField("rilevanza", relevance)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({origin[0] + dx} {origin[1] + dy})"))
        stop_source.GetLayer("stazioni").CreateFeature(feature)
    stop_source = None
    metadata = ogr.Open(str(path), 1)
    table = metadata.CreateLayer("metadata", None, ogr.wkbNone)
    table.CreateField(ogr.FieldDefn("chiave", ogr.OFTString))
    table.CreateField(ogr.FieldDefn("valore", ogr.OFTString))
    for key, value in (("nome", "pacchetto di prova PGT"), ("dimostrativo", "true")):
        feature = ogr.Feature(table.GetLayerDefn())
        feature.SetField("chiave", key)
        feature.SetField("valore", value)
        table.CreateFeature(feature)
    metadata = None
    return path


def _point_layer(path: Path, name: str, fields):
    source = ogr.Open(str(path), 1)
    layer = source.CreateLayer(name, _srs(32632), ogr.wkbPoint)
    for field_name, kind in fields:
        layer.CreateField(ogr.FieldDefn(field_name, kind))
    return source


# --- fixtures (import them into a test module to use them) ----------------------------------


@pytest.fixture(scope="session")
def pgt_pack(qgis_app, shared_data, tmp_path_factory) -> Path:
    return build_pgt_pack(tmp_path_factory.mktemp("pgt_pack") / "pacchetto_prova.gpkg", shared_data)


@pytest.fixture()
def technician(qgis_app, shared_data, tmp_path) -> dict:
    return technician_files(tmp_path / "tecnico", shared_data)
