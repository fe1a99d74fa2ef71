"""A data pack from the real Comuni of ../shared/data, a few catalogue features with known distances,
the six 2020 survey examples of DESIGN §5, and fixtures: the pack, a fresh central database per test
reached through QGIS's authentication manager (authcfg).

The pack: `comuni` (the 133 real boundaries, Zona omogenea from the membership table), and near the
ex scalo merci of Rho (the survey's "area ATTRACT") an Area Remix 150 m away, a PINQuA intervento
600 m away and the real stations (Rho, Rho Fiera...) as `stazioni` of metropolitan relevance.
"""

import contextlib
import csv
import hashlib
import sqlite3
import uuid as uuidlib
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableWidget, QWidget

from remix_plugin.core.data.layers import table_uri, write_to_gpkg
from remix_plugin.core.segnalazioni.schema import load_taxonomy
from remix_plugin.core.segnalazioni.store import create_local_store
from tests.qgis.test_servers import auth_config

WGS84, UTM = QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:32632")

# the six examples of the 2020 survey (DESIGN §5), as a Comune would file them; geometry: see example_geometry
SURVEY_2020 = [
    {
        "titolo": "Ampliamento asilo di Largo Bernasconi",
        "comune": "Pogliano Milanese",
        "tipo": "progetto",
        "natura": "lavori",
        "localizzazione": "urbana",
        "intervento_oggetto": ["riqualificazione", "servizi_attrezzature"],
        "ambito_intervento": ["fisico_materiale"],
        "attori": ["pubblico"],
        "sttm": ["2"],
        "obiettivo": "Valorizzazione del patrimonio esistente / efficientamento energetico",
        "scala_impatto": "comunale",
    },
    {
        "titolo": "Casa dei Castanesi",
        "comune": "Castano Primo",
        "tipo": "progetto",
        "natura": "azioni",
        "tipo_servizio": "Servizi di comunità e socialità",
        "popolazione_riferimento": "Residenti e associazioni",
        "fasi": "1. Ascolto della comunità\n2. Co-progettazione degli spazi\n3. Gestione condivisa della casa",
        "attori": ["pubblico", "associazioni", "gruppi_informali"],
        "ambito_intervento": ["sociale_culturale_economico"],
        "localizzazione": "urbana",
        "sttm": ["2"],
    },
    {
        "titolo": "Recupero ex edificio scolastico in piazza Marconi",
        "comune": "Pero",
        "tipo": "opportunita",
        "natura": "lavori",
        "ambito_opportunita": ["sociale", "urbanistico"],
        "intervento_oggetto": ["riuso"],
        "obiettivo": "Cohousing sociale nell'ex edificio scolastico",
        "localizzazione": "urbana",
        "sttm": ["1", "2"],
    },
    {
        "titolo": "ARU ex ICOMA",
        "comune": "Cornaredo",
        "tipo": "criticita",
        "natura": "lavori",
        "ambito_criticita": ["urbanistico", "ambientale", "economico"],
        "scala_criticita": "sovracomunale",
        "intervento_oggetto": ["sostituzione", "servizi_spazi_verdi"],
        "localizzazione": "periferica",
        "ambito_azione": "Recupero di un ambito industriale dismesso",
        "attori": ["pubblico", "privati", "associazioni"],
        "attori_nomi": "Fondazione Cariplo, Coldiretti, Istituto Alberghiero Olmo, K-City",
        "sttm": ["1", "3"],
    },
    {
        "titolo": "Ex scalo merci, area ATTRACT",
        "comune": "Rho",
        "tipo": "opportunita",
        "natura": "lavori",
        "ambito_opportunita": ["infrastrutturale", "urbanistico"],
        "scala_impatto": "strategico_metropolitano",
        "intervento_oggetto": ["riuso", "riorganizzazione"],
        "ambito_azione": "Recupero di un ambito ferroviario",
        "attori": ["pubblico", "privati"],
        "attori_nomi": "RFI, Comune di Rho, privati",
        "sttm": ["1", "3"],
        "fonte_finanziamento": "Fondi privati e RFI",
        "importo_finanziamento": 12500000.5,
    },
    {
        "titolo": "Cascina Gogna",
        "comune": "Bussero",
        "tipo": "opportunita",
        "natura": "sistema_interventi",
        "ambito_opportunita": ["paesistico", "culturale"],
        "localizzazione": "frangia_urbana",
        "obiettivo": "Recupero della cascina come presidio agricolo e culturale di frangia",
        "sttm": ["1"],
    },
]


def shared_layer(shared_data: Path, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(shared_data / name), name, "ogr")
    assert layer.isValid(), name
    return layer


def to_utm(geometry: QgsGeometry) -> QgsGeometry:
    copy = QgsGeometry(geometry)
    copy.transform(QgsCoordinateTransform(WGS84, UTM, QgsProject.instance()))
    return copy


def memory(name: str, geometry: str, fields: str, rows) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:32632&{fields}", name, "memory")
    features = []
    for geom, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geom)
        feature.setAttributes(attributes)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def comune_geometry(pack: Path, name: str) -> QgsGeometry:
    layer = QgsVectorLayer(f"{pack}|layername=comuni", "comuni", "ogr")
    return next(f.geometry() for f in layer.getFeatures() if f["comune"] == name)


def example_geometry(pack: Path, example: dict) -> QgsGeometry:
    """A 120 m square (lavori) or a point inside the example's Comune."""
    centre = comune_geometry(pack, example["comune"]).pointOnSurface().asPoint()
    if example["natura"] != "lavori":
        return QgsGeometry.fromWkt(f"POINT({centre.x():.2f} {centre.y():.2f})")
    x, y = round(centre.x(), 2), round(centre.y(), 2)
    return QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y}, {x + 120} {y}, {x + 120} {y + 120}, {x} {y + 120}, {x} {y})))")


def build_pack(path: Path, shared_data: Path) -> Path:
    zones = {
        row["com_istat_code"]: row["zona_omogenea"]
        for row in csv.DictReader((shared_data / "zone_omogenee_comuni.csv").open(encoding="utf-8"))
    }
    source = shared_layer(shared_data, "comuni_cmm.geojson")
    comuni = memory(
        "comuni",
        "MultiPolygon",
        "field=pro_com_t:string&field=comune:string&field=zona_omogenea:string",
        [
            (to_utm(f.geometry()), [f["com_istat_code"], f["name"], zones[f["com_istat_code"]]])
            for f in source.getFeatures()
        ],
    )
    write_to_gpkg(comuni, path, "comuni")
    zone_source = shared_layer(shared_data, "zone_omogenee.geojson")
    write_to_gpkg(
        memory(
            "zone_omogenee",
            "MultiPolygon",
            "field=zona_omogenea:string",
            [(to_utm(f.geometry()), [f["zona_omogenea"]]) for f in zone_source.getFeatures()],
        ),
        path,
        "zone_omogenee",
    )
    write_to_gpkg(
        memory(
            "metadata",
            "None",
            "field=chiave:string&field=valore:string",
            [(QgsGeometry(), ["nome", "Pacchetto di prova (comuni reali)"]), (QgsGeometry(), ["dimostrativo", "true"])],
        ),
        path,
        "metadata",
    )
    rho = example_geometry(path, SURVEY_2020[4]).boundingBox()
    x, y = rho.xMaximum(), rho.yMinimum()
    square = lambda x0, y0, side: QgsGeometry.fromWkt(  # noqa: E731
        f"MULTIPOLYGON((({x0} {y0}, {x0 + side} {y0}, {x0 + side} {y0 + side}, {x0} {y0 + side}, {x0} {y0})))"
    )
    write_to_gpkg(
        memory(
            "aree_remix",
            "MultiPolygon",
            "field=id:string&field=nome:string&field=pro_com_t:string" "&field=fonte:string&field=aggiornamento:string",
            [(square(x + 150, y, 100), ["R1", "Area Remix dell'ex scalo", "015182", "CMM", "2018"])],
        ),
        path,
        "aree_remix",
    )
    write_to_gpkg(
        memory(
            "interventi_pinqua",
            "MultiPolygon",
            "field=cup:string&field=titolo:string&field=bando:string"
            "&field=natura:string&field=importo_finanziato:double",
            [
                (
                    square(x + 600, y, 100),
                    ["C41I21000020001", "Riqualificazione via Rosselli 4", "PINQuA", "lavori", 1140669.5],
                )
            ],
        ),
        path,
        "interventi_pinqua",
    )
    stations = shared_layer(shared_data, "stazioni_ferroviarie_cmm.geojson")
    write_to_gpkg(
        memory(
            "stazioni",
            "Point",
            "field=nome:string&field=rilevanza:string",
            [(to_utm(f.geometry()), [f["stop_name"], "metropolitana"]) for f in stations.getFeatures()],
        ),
        path,
        "stazioni",
    )
    return path


def example_values(example: dict) -> dict:
    """The example as field values (multiple choices as lists), without the Comune name."""
    return {k: v for k, v in example.items() if k != "comune"}


def form_widget(form, name: str):
    """The real editor widget of a field in a QgsAttributeForm/QgsAttributeDialog (found by field name)."""
    for kind in (QComboBox, QTableWidget, QPlainTextEdit, QLineEdit):
        widget = form.findChild(kind, name)
        if widget is not None:
            return widget
    # QGIS 3.40 and later: multiple choices are a table inside a filterable widget of the field's name
    outer = form.findChild(QWidget, name)
    table = outer.findChild(QTableWidget) if outer is not None else None
    if table is not None:
        return table
    raise AssertionError(f"no editor widget for field {name}")


def fill_form(form, values: dict) -> None:
    """Type into the form's widgets as a person would: pick list entries, tick boxes, write text."""
    taxonomy = load_taxonomy()
    for name, value in values.items():
        kind = taxonomy.field(name).kind
        widget = form_widget(form, name)
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            assert index >= 0, f"{name}: {value!r} is not in the list"
            widget.setCurrentIndex(index)
        elif isinstance(widget, QTableWidget):
            items = [widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount())]
            items = [i for i in items if i is not None]
            assert set(value) <= {i.data(Qt.ItemDataRole.UserRole) for i in items}, f"{name}: {value} not offered"
            for item in items:
                item.setCheckState(
                    Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in value else Qt.CheckState.Unchecked
                )
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(str(value) if kind != "number" else repr(float(value)))


def bulk(store, lookup, count: int) -> None:
    """`count` new segnalazioni (half areas, half points) written at once, as an import would."""
    create_local_store(store)
    comuni = lookup.all()
    inside = {c.code: lookup.point_inside(c).asPoint() for c in comuni}
    for table, natura in (("segnalazioni_aree", "lavori"), ("segnalazioni_punti", "azioni")):
        layer = QgsVectorLayer(table_uri(store, table), table, "ogr")
        features = []
        for n in range(count // 2 if table == "segnalazioni_aree" else count - count // 2):
            comune = comuni[n % len(comuni)]
            point = inside[comune.code]
            feature = QgsFeature(layer.fields())
            feature.setGeometry(
                QgsGeometry.fromWkt(
                    f"MULTIPOLYGON((({point.x()} {point.y()}, {point.x() + 50} {point.y()}, {point.x() + 50} "
                    f"{point.y() + 50}, {point.x()} {point.y()}))"
                    if natura == "lavori"
                    else f"POINT({point.x() + n % 7} {point.y()})"
                )
            )
            for name, value in (
                ("titolo", f"Segnalazione {table[-5:]} n. {n} — l'ex area 🚧"),
                ("tipo", "criticita"),
                ("natura", natura),
                ("stato", "bozza"),
                ("comune_istat", comune.code),
                ("comune", comune.name),
                ("zona_omogenea", comune.zona),
                ("ambito_criticita", '{"sociale","urbanistico"}'),
                ("importo_finanziamento", n * 1.25),
            ):
                feature[name] = value
            features.append(feature)
        assert layer.dataProvider().addFeatures(features)[0]


# --- fixtures (imported by the segnalazioni test modules) ------------------------------------------


@pytest.fixture(scope="module")
def pack(qgis_app, shared_data, tmp_path_factory):
    return build_pack(tmp_path_factory.mktemp("pack") / "pack.gpkg", shared_data)


@pytest.fixture(scope="module")
def lookup(pack):
    from remix_plugin.core.segnalazioni.geometry import ComuniLookup

    return ComuniLookup.for_pack(pack)


@pytest.fixture(scope="module")
def authcfg(qgis_app, postgis_server):
    return auth_config(postgis_server.user, postgis_server.password)


def superuser_conninfo(postgis_server, dbname: str) -> str:
    """The cluster's superuser over its unix socket (trust): how a CMM administrator runs central-setup here."""
    return f"host={postgis_server.socketdir} port={postgis_server.port} dbname={dbname} user=postgres"


@pytest.fixture()
def central(postgis_server, authcfg):
    """A fresh database for this test, set up by `central-setup`, with the test login as its administrator; a
    conninfo whose credentials are an authcfg."""
    from remix_plugin.core.segnalazioni.central_setup import central_setup, grant

    name = "t_" + uuidlib.uuid4().hex[:12]
    postgis_server.psql(f"CREATE DATABASE {name} OWNER {postgis_server.user}", dbname="postgres")
    postgis_server.psql("CREATE EXTENSION postgis", dbname=name)
    central_setup(superuser_conninfo(postgis_server, name))
    grant(superuser_conninfo(postgis_server, name), postgis_server.user, "amministratore")
    yield f"host={postgis_server.host} port={postgis_server.port} dbname={name} authcfg={authcfg}"
    postgis_server.psql(f"DROP DATABASE {name} WITH (FORCE)", dbname="postgres")


def store_digest(path) -> str:
    """Everything a GeoPackage holds (every table, row and schema object) as SQLite reads it, the
    write-ahead log included. Not its bytes: when SQLite moves the log into the file is its own
    business (QGIS 3.44 keeps an edited GeoPackage's connection open longer than 3.22 did)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return hashlib.sha256("\n".join(db.iterdump()).encode()).hexdigest()
