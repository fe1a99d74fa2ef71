"""«Esporta»: segnalazioni as a small package to send by e-mail — one zip with a GeoPackage of the
segnalazioni (taxonomy fields only, no sync bookkeeping) and a one-page PDF sheet for each.

The sheet is the print layout print_layouts/scheda_segnalazione.qpt (data: CMM may restyle it in
QGIS's layout designer), loaded and exported by `core.layouts` (its CMM logo found wherever the plugin
is installed). The code fills the items by id: `titolo`, `sottotitolo`, `mappa`, `scheda` (a manual
table: field, value), `piede`. Text goes into the sheet as plain text, never as HTML, so hostile text
in a field is printed as it is.
"""

import tempfile
import zipfile
from pathlib import Path
from typing import List

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsMarkerSymbol,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTableCell,
    QgsVectorLayer,
)

from remix_plugin.core.base import paths, staging
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.values import text_value
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import add_attributes, add_features, table_uri, write_to_gpkg
from remix_plugin.core.printing import layouts
from remix_plugin.core.printing.export import set_scale_bar
from remix_plugin.core.scope.model import normalise
from remix_plugin.core.segnalazioni.schema import LAYERS, load_taxonomy
from remix_plugin.core.segnalazioni.store import now_iso

TEMPLATE = paths.PRINT_LAYOUTS / "scheda_segnalazione.qpt"
MIN_MAP_SPAN_M = 1500.0


def export_package(store, uuids: List[str], out_zip, pack) -> Path:
    """Write `out_zip` with segnalazioni.gpkg and scheda_<n>.pdf for each uuid (in the order given)."""
    store, out_zip = Path(store), Path(out_zip)
    if out_zip.suffix.lower() != ".zip":
        raise RemixError(f"Pacchetto «{out_zip.name}»: il file da scrivere deve avere estensione .zip.")
    features = _features(store, uuids)
    with tempfile.TemporaryDirectory(prefix="remix-esporta-") as folder:
        work = Path(folder)
        gpkg = work / "segnalazioni.gpkg"
        for table in LAYERS:
            chosen = [f for t, f in features if t == table]
            if chosen:
                write_to_gpkg(_data_only(store, table, chosen), gpkg, table)
        pdfs = []
        for number, (_, feature) in enumerate(features, 1):
            pdf = work / f"scheda_{number:02d}_{_slug(feature['titolo'])}.pdf"
            print_sheet(feature, pdf, pack)
            pdfs.append(pdf)
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        partial = staging.partial_file(out_zip)
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in [gpkg, *pdfs]:
                    archive.write(path, path.name)
            partial.replace(out_zip)
        finally:
            partial.unlink(missing_ok=True)
    return out_zip


def _features(store: Path, uuids: List[str]):
    wanted = list(dict.fromkeys(str(u).strip() for u in uuids if str(u).strip()))
    if not wanted:
        raise RemixError("Nessuna segnalazione scelta da esportare.")
    found = {}
    request = QgsFeatureRequest().setFilterExpression(
        f'"uuid" IN ({", ".join(map(QgsExpression.quotedString, wanted))})'
    )
    for table in LAYERS:
        layer = QgsVectorLayer(table_uri(store, table), table, "ogr")
        if not layer.isValid():
            raise RemixError(f"Archivio delle segnalazioni «{store.name}»: strato «{table}» non leggibile.")
        found.update({f["uuid"]: (table, f) for f in layer.getFeatures(request)})
    missing = [u for u in wanted if u not in found]
    if missing:
        raise RemixError(f"Segnalazioni non trovate nell'archivio «{store.name}»: {', '.join(missing)}.")
    return [found[u] for u in wanted]


def _data_only(store: Path, table: str, features) -> QgsVectorLayer:
    """A memory copy with the taxonomy's fields only (no sync bookkeeping)."""
    taxonomy = load_taxonomy()
    source = QgsVectorLayer(table_uri(store, table), table, "ogr")
    kind = "MultiPolygon" if taxonomy.layers[table].geometry == "multipolygon" else "Point"
    copy = QgsVectorLayer(f"{kind}?crs={datapack.CRS}", table, "memory")
    add_attributes(copy, [source.fields().field(name) for name in taxonomy.names])
    copy.updateFields()
    rows = []
    for feature in features:
        row = QgsFeature(copy.fields())
        row.setGeometry(feature.geometry())
        row.setAttributes([feature[name] for name in taxonomy.names])
        rows.append(row)
    add_features(copy, rows)
    return copy


def _slug(text) -> str:
    """A file-name-safe short form of a title: no accents, no punctuation ("Città" -> "citta")."""
    return normalise(str(text or "")).replace(" ", "_")[:40].strip("_") or "segnalazione"


def print_sheet(feature, pdf: Path, pack) -> Path:
    """The one-page sheet of one segnalazione (a QgsFeature of a store layer) as a PDF."""
    taxonomy = load_taxonomy()
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(datapack.CRS))
    layout = layouts.load_template(TEMPLATE, project)  # its pictures (the CMM logo) found wherever installed
    comuni = datapack.open_table(Path(pack), "comuni", "Comuni")
    comuni.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {"color": "245,245,240,255", "outline_color": "120,120,120,255", "outline_width": "0.3"}
            )
        )
    )
    shape = _shape_layer(feature)
    project.addMapLayers([comuni, shape])
    value = lambda name: taxonomy.describe(name, feature[name])  # noqa: E731
    # text as the Comune typed it, less what would reorder or hide letters on paper (U+202E and the like)
    layouts.item(layout, "titolo", QgsLayoutItemLabel).setText(text_value(feature["titolo"]))
    layouts.item(layout, "sottotitolo", QgsLayoutItemLabel).setText(
        f"{value('tipo')} · {value('natura')} · stato: {value('stato')} — {feature['comune']} "
        f"({feature['zona_omogenea']})"
    )
    map_item = layouts.item(layout, "mappa", QgsLayoutItemMap)
    map_item.setCrs(QgsCoordinateReferenceSystem(datapack.CRS))
    map_item.setLayers([shape, comuni])
    map_item.zoomToExtent(_extent(feature.geometry()))
    scale_bar = layout.itemById("scala")
    if isinstance(scale_bar, QgsLayoutItemScaleBar):
        set_scale_bar(scale_bar, map_item)  # as on every CMM print: round segments, «1.000 m»
    shown = {f.name: text_value(value(f.name)) for f in taxonomy.fields if f.name not in ("titolo", "comune")}
    shown["comune_istat"] = f"{feature['comune']} ({feature['comune_istat']})"
    rows = [[QgsTableCell(f.label), QgsTableCell(shown[f.name])] for f in taxonomy.fields if shown.get(f.name)]
    frame = layouts.item(layout, "scheda", QgsLayoutFrame)
    frame.multiFrame().setTableContents(rows)
    layouts.item(layout, "piede", QgsLayoutItemLabel).setText(
        f"RE.MIX — Città metropolitana di Milano. Scheda della segnalazione {feature['uuid']}, generata il "
        f"{now_iso()[:10]}. Confini comunali: pacchetto dati «{Path(pack).name}». Coordinate EPSG:32632."
    )
    return layouts.export(layout, pdf)  # text stays text: searchable, copyable


def _shape_layer(feature) -> QgsVectorLayer:
    geometry = feature.geometry()
    point = geometry.type() == 0
    layer = QgsVectorLayer(f"{'Point' if point else 'MultiPolygon'}?crs={datapack.CRS}", "Segnalazione", "memory")
    copy = QgsFeature(layer.fields())
    copy.setGeometry(geometry)
    add_features(layer, [copy])
    symbol = (
        QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "200,30,45,255", "size": "4", "outline_color": "255,255,255,255"}
        )
        if point
        else QgsFillSymbol.createSimple(
            {"color": "200,30,45,90", "outline_color": "200,30,45,255", "outline_width": "0.8"}
        )
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _extent(geometry: QgsGeometry) -> QgsRectangle:
    """The segnalazione with room around it (at least MIN_MAP_SPAN_M), so its surroundings read."""
    box = geometry.boundingBox()
    half = max(box.width(), box.height(), MIN_MAP_SPAN_M / 2.5) * 1.25
    centre = box.center()
    return QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
