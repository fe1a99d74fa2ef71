"""New sources for many layers of one GeoPackage share one held opening of the file (the Zona filter
gives every layer of both maps a new source each time). What matters to a user: the pack is left
exactly as it was, the layers read and edit as before, and files the holder cannot use are unaffected."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.data import datapack
from remix_plugin.core.data.gpkg_sharing import ogr_sources, shared_openings
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.core.scope.filtering import apply_scope, catalogue_layers
from remix_plugin.core.scope.model import resolve_scope


def state(pack: Path) -> tuple:
    """Bytes, modification time and journal mode of a pack, and whether a write-ahead log is beside it."""
    with sqlite3.connect(f"file:{pack}?mode=ro", uri=True) as db:
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    return (
        hashlib.sha256(pack.read_bytes()).hexdigest(),
        pack.stat().st_mtime_ns,
        journal,
        Path(f"{pack}-wal").exists(),
    )


def copy_of(pack: Path, folder: Path) -> Path:
    """A copy of the pack in rollback-journal mode (a pack left in WAL mode by a program that edited it
    is, rightly, not held)."""
    copy = Path(shutil.copy(pack, folder / "pacchetto.gpkg"))
    with sqlite3.connect(copy) as db:
        db.execute("PRAGMA journal_mode=DELETE")
    return copy


def both_maps(pack: Path, tmp_path: Path) -> QgsProject:
    project = QgsProject()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, make_context(pack=pack, derived_store=tmp_path / "derivati.gpkg"))
    return project


def test_the_pack_is_held_once_and_left_exactly_as_it_was(demo_pack, tmp_path, isolated_settings):
    pack = copy_of(demo_pack, tmp_path)
    project = both_maps(pack, tmp_path)
    before = state(pack)
    layers = catalogue_layers(project)
    with shared_openings(ogr_sources(layers)) as held:
        assert held == [str(pack)]  # the derived store has too few layers to be worth holding
        assert not Path(f"{pack}-wal").exists()  # held for writing without switching the journal to WAL
    for zona in ("Nord Milano", "Sud Est"):
        apply_scope(project, resolve_scope(pack, [zona]), pack)
        apply_scope(project, None, pack)
    assert state(pack) == before
    assert all(layer.isValid() for layer in layers)


def test_a_filtered_layer_is_edited_and_saved_as_usual(demo_pack, tmp_path, isolated_settings):
    pack = copy_of(demo_pack, tmp_path)
    project = both_maps(pack, tmp_path)
    nord = resolve_scope(pack, ["Nord Milano"])
    [aree, *_] = [lyr for lyr in catalogue_layers(project) if lyr.customProperty(ENTRY_PROPERTY) == "aree_remix"]
    shown = apply_scope(project, nord, pack).kept[aree.id()]
    assert aree.dataProvider().property("_debug_open_mode") == "read-only"  # other programs may still write

    comune = next(f for f in datapack.open_table(pack, "comuni").getFeatures() if f["comune"] == "Bresso")
    feature = QgsFeature(aree.fields())
    feature.setGeometry(QgsGeometry.collectGeometry([comune.geometry().pointOnSurface().buffer(30, 4)]))
    feature["id"], feature["pro_com_t"] = "NUOVA-1", comune["pro_com_t"]
    assert aree.startEditing()
    assert aree.addFeature(feature)
    assert aree.commitChanges(), aree.commitErrors()

    saved = QgsVectorLayer(datapack.table_uri(pack, "aree_remix"), "salvate", "ogr")
    assert [f["id"] for f in saved.getFeatures() if f["id"] == "NUOVA-1"] == ["NUOVA-1"]
    assert apply_scope(project, nord, pack, force=True).kept[aree.id()] == shown + 1


def test_a_file_whose_every_table_is_being_given_a_source_is_not_held(tmp_path, qgis_app):
    path = tmp_path / "quattro.gpkg"
    layer = QgsVectorLayer("Point?crs=EPSG:32632&field=nome:string", "punti", "memory")
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    for number, name in enumerate(("a", "b", "c", "d")):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.layerName = name
        options.actionOnExistingFile = (
            QgsVectorFileWriter.CreateOrOverwriteLayer if number else QgsVectorFileWriter.CreateOrOverwriteFile
        )
        assert (
            QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)[0]
            == QgsVectorFileWriter.NoError
        )
    layers = [QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in ("a", "b", "c", "d")]
    with shared_openings(ogr_sources(layers)) as held:
        assert held == []
        for each in layers:
            each.setDataSource(f'{each.source()}|subset="fid" > 0', each.name(), "ogr")
    assert all(each.isValid() and each.featureCount() == 0 for each in layers)
    with shared_openings(ogr_sources(layers[:3])) as held:  # d is spare, but three layers are not worth it
        assert held == []


def test_not_held_from_a_task_nor_while_one_runs(demo_pack, tmp_path, qgis_app):
    """Another thread opening a layer of a held file shares the held connection, and QGIS 3.22 can then
    deadlock: the file is held only on the main thread with no task running (else sources cost as before)."""
    import threading

    from qgis.core import QgsApplication, QgsTask

    pack = copy_of(demo_pack, tmp_path)
    sources = [datapack.table_uri(pack, t) for t in ("aree_remix", "plis", "stazioni", "parchi")]
    seen = {}

    def inside(task):
        with shared_openings(sources) as held:
            seen["task"] = held
        return True

    release = threading.Event()
    manager = QgsApplication.taskManager()
    tasks = [
        QgsTask.fromFunction("condivisione in un'attività", inside),
        QgsTask.fromFunction("attività in corso", lambda task: release.wait(30)),
    ]
    for task in tasks:
        manager.addTask(task)
    while "task" not in seen or manager.countActiveTasks() != 1:
        QgsApplication.processEvents()
    with shared_openings(sources) as held:
        seen["main, a task running"] = held
    release.set()
    while manager.countActiveTasks():
        QgsApplication.processEvents()
    with shared_openings(sources) as held:
        seen["main, no task"] = held
    assert seen == {"task": [], "main, a task running": [], "main, no task": [str(pack)]}


def test_while_held_new_sources_do_not_open_the_pack_again(demo_pack, tmp_path, qgis_app):
    """What the holding is for: counted through GDAL's own log of its openings, eight new sources open
    the pack eight times when it is not held, and not at all when it is."""
    from osgeo import gdal

    pack = copy_of(demo_pack, tmp_path)
    tables = (
        "aree_remix",
        "plis",
        "stazioni",
        "parchi",
        "offerta_at_2020",
        "offerta_pa_2020",
        "interventi_pinqua",
        "rete_ciclabile",
    )
    layers = [QgsVectorLayer(datapack.table_uri(pack, t), t, "ogr") for t in tables]
    openings = []

    def counted(_kind, _number, message):
        if f"GDALOpen({pack}," in message:
            openings.append(message)

    def new_sources(subset):
        del openings[:]
        for layer in layers:
            layer.setDataSource(f"{datapack.table_uri(pack, layer.name())}|subset={subset}", layer.name(), "ogr")
        assert all(layer.isValid() for layer in layers)
        return len(openings)

    previous = gdal.GetConfigOption("CPL_DEBUG")
    gdal.SetConfigOption("CPL_DEBUG", "ON")
    gdal.PushErrorHandler(counted)
    try:
        alone = new_sources('"fid" > 0')
        with shared_openings(ogr_sources(layers)) as held:
            shared = new_sources('"fid" > 1')
    finally:
        gdal.PopErrorHandler()
        gdal.SetConfigOption("CPL_DEBUG", previous)
    assert held == [str(pack)]
    assert (alone, shared) == (len(layers), 0)
