"""Small helpers over QgsVectorLayer shared by the core modules."""

from pathlib import Path

from osgeo import ogr
from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import save_style_to_database

ENTRY_PROPERTY = "remix/entry_id"
MAP_PROPERTY = "remix/map"
BASEMAP_PROPERTY = "remix/basemap"


def table_uri(gpkg, table: str) -> str:
    """The OGR source of one table of a GeoPackage (a data pack, the derived store, a segnalazioni store)."""
    return f"{Path(gpkg)}|layername={table}"


def write_to_gpkg(layer: QgsVectorLayer, gpkg: Path, table: str) -> QgsVectorLayer:
    """Write (or replace) `table` in `gpkg` with the features of `layer`, and open it."""
    gpkg = Path(gpkg)
    gpkg.parent.mkdir(parents=True, exist_ok=True)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = table
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer if gpkg.exists() else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg), QgsCoordinateTransformContext(), options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise RemixError(f"Impossibile scrivere la tabella «{table}» in «{gpkg}»: {result[1]}.")
    written = QgsVectorLayer(table_uri(gpkg, table), layer.name(), "ogr")
    if not written.isValid():
        raise RemixError(f"Tabella «{table}» scritta in «{gpkg}» ma non leggibile.")
    return written


def add_features(layer: QgsVectorLayer, features) -> None:
    """Add features to a layer's data provider: all of them, or RemixError naming the layer and why (a
    provider refuses a whole batch for one value it cannot store, e.g. a text longer than its field)."""
    features = list(features)
    ok, _ = layer.dataProvider().addFeatures(features)
    if not ok:
        raise RemixError(
            f"Strato «{layer.name()}»: {len(features)} elementi non scritti "
            f"({layer.dataProvider().lastError() or 'il fornitore dei dati li ha rifiutati'})."
        )


def add_attributes(layer: QgsVectorLayer, fields) -> None:
    """Add fields to a layer's data provider (and to the layer), or RemixError naming the layer."""
    if not layer.dataProvider().addAttributes(list(fields)):
        raise RemixError(
            f"Strato «{layer.name()}»: impossibile aggiungere i campi ({layer.dataProvider().lastError()})."
        )
    layer.updateFields()


def change_attribute_values(layer: QgsVectorLayer, changes: dict) -> None:
    """{feature id: {field index: value}} written to the provider, or RemixError naming the layer."""
    if changes and not layer.dataProvider().changeAttributeValues(changes):
        raise RemixError(f"Strato «{layer.name()}»: valori non scritti ({layer.dataProvider().lastError()}).")


def drop_tables(gpkg: Path, tables) -> None:
    """Remove tables from a GeoPackage (their space is reused by the next tables written there). A table
    that is not there is no error; a file that cannot be opened for writing raises RemixError."""
    dataset = ogr.Open(str(gpkg), 1)
    if dataset is None:
        raise RemixError(f"Impossibile aprire «{gpkg}» per eliminarne le tabelle sostituite.")
    try:
        for table in tables:
            for index in range(dataset.GetLayerCount()):
                if dataset.GetLayerByIndex(index).GetName() == table:
                    if dataset.DeleteLayer(index) != ogr.OGRERR_NONE:
                        raise RemixError(f"Impossibile eliminare la tabella «{table}» da «{gpkg}».")
                    break
    finally:
        dataset = None


def save_default_style(layer: QgsVectorLayer, name: str, description: str) -> None:
    """The layer's current style as the default style of its GeoPackage table (`layer_styles`): it
    travels with the file and comes back whenever the table is added to a project."""
    error = save_style_to_database(layer, name, description, True)
    if error:
        raise RemixError(
            f"Impossibile salvare lo stile dello strato «{layer.name()}» in "
            f"«{Path(layer.source().split('|')[0]).name}»: {error}."
        )


def entry_id(layer) -> str:
    """The catalogue entry a project layer comes from ('' for any other layer)."""
    return layer.customProperty(ENTRY_PROPERTY, "") or ""
