"""Offline packages for field tablets: the chosen maps, cut to a Zona omogenea or to Comuni, in one
folder that QGIS opens with the network off, and «Aggiorna pacchetto» back online.

Plan, then write. `plan_package` builds the maps' layers from feature sources only (remote ArcGIS
REST / OGC API layers are downloaded, images cannot be), cuts them with the Zone omogenee filter
itself (`scope_filter.apply_scope`: the package holds exactly what the filter shows), and lists what
cannot go offline or goes over the size limit: the faces ask before `write_package`.

A package folder (names in `offline_manifest`): the project `<nome>.qgz` with relative paths; one
GeoPackage with a table per catalogue entry, its style in `layer_styles` (symbology and labels: the
scale thresholds are in the project's layers, one per map); the segnalazioni store; the user's
basemap file; copies of the infobox templates and print layouts; the manifest, written last. It is
all written into a hidden temporary folder and renamed at the end. The catalogue GeoPackage follows
the data-pack contract (Comuni and Zone whole, metadata), so on the tablet it is the data pack.
"""

import os
import shutil
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataProvider,
    QgsEditorWidgetSetup,
    QgsFeature,
    QgsFeatureRequest,
    QgsLayerMetadata,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsPathResolver,
    QgsProject,
    QgsRasterLayer,
    QgsReadWriteContext,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from remix_plugin.__about__ import __title__, __version__
from remix_plugin.core.base import formatting, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import layer_description
from remix_plugin.core.base.staging import checkpoint, discard, free_name, publish, staging_folder
from remix_plugin.core.catalogue import maps
from remix_plugin.core.catalogue.model import map_ids
from remix_plugin.core.catalogue.sources import SourceContext, candidate_sources, describe
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY, MAP_PROPERTY, add_features, save_default_style, write_to_gpkg
from remix_plugin.core.data.offline_manifest import (
    BASEMAP_STEM,
    DATA_FILE,
    INTERRUPTED,
    MANIFEST,
    STORE_FILE,
    read_manifest,
    write_manifest,
)
from remix_plugin.core.indicators.funding import SHARES_TABLE
from remix_plugin.core.scope.filtering import FILTER_PROPERTIES, PROJECT_SCOPE, apply_scope, overlay_layers
from remix_plugin.core.scope.model import comuni_table, normalise

BASEMAP_SUFFIXES = (".tif", ".tiff", ".mbtiles")
STYLE_CATEGORIES = QgsMapLayer.Symbology | QgsMapLayer.Labeling
STYLE_NAME = "stile CMM"  # each table's default style in `layer_styles` (names there are at most 30 characters)
SAMPLE = 200  # features read to estimate a table's size
GPKG_OVERHEAD = 1.5  # GeoPackage size per byte of feature (geometry blob header, spatial index, pages)
TABLE_BYTES = 40 * 1024  # a table's fixed cost (definition, index, its style in layer_styles)
FIXED_BYTES = 256 * 1024  # the empty segnalazioni store, the project, the manifest
MB = 1024 * 1024


@dataclass
class OfflineRequest:
    out_dir: Path
    maps: Tuple[str, ...] = field(default_factory=map_ids)
    scope: Optional[frozenset] = None  # ISTAT codes (pro_com_t); None: the whole Città metropolitana
    basemap: Optional[Path] = None  # a GeoTIFF or MBTiles the user already has
    limit_mb: int = 2048  # the user's size limit: a larger estimate is asked about
    central: str = ""  # pre-fill the segnalazioni from this central store; "": an empty store
    name: str = ""  # the package folder's name; "": REMIX_offline_<area>_<date>
    previous_pack: str = ""  # a refresh: the data pack the package was made from (another one is asked about)


@dataclass
class PlanItem:
    """One table of the package: a catalogue entry, cut to the area."""

    entry_id: str
    title: str
    maps: List[str]
    features: int
    bytes: int  # estimate
    origin: str  # where its data come from


@dataclass
class Plan:
    request: OfflineRequest
    ctx: SourceContext
    name: str
    area: str  # the area in words
    extent: QgsRectangle  # the area, EPSG:32632
    items: List[PlanItem] = field(default_factory=list)
    issues: List[str] = field(default_factory=list)  # what cannot go offline, or over a limit: ask first
    notes: List[str] = field(default_factory=list)  # worth knowing, nothing to decide
    basemap_bytes: int = 0
    folders_bytes: int = 0  # templates and print layouts
    project: Optional[QgsProject] = field(default=None, repr=False)  # the built, cut layers

    @property
    def estimate_bytes(self) -> int:
        return sum(i.bytes for i in self.items) + self.basemap_bytes + self.folders_bytes + FIXED_BYTES

    def release(self) -> None:
        """Let go of the layers (the plan stays readable); a released plan cannot be written."""
        if self.project is not None:
            self.project.clear()
            self.project = None


# --- plan and check ------------------------------------------------------------------------------


def plan_package(request: OfflineRequest, ctx: SourceContext = None, feedback=None) -> Plan:
    """Build and cut the layers, estimate the size, list what cannot go offline. Safe in a worker thread."""
    ctx = ctx or maps.make_context()
    assert ctx.pack is not None  # make_context, which makes every SourceContext, always resolves a pack
    ctx.comuni_scope = request.scope
    if not request.maps:
        raise RemixError("Scegliere almeno una mappa da portare offline.")
    for map_id in request.maps:
        ctx.catalogue.map(map_id)
    project = QgsProject()
    plan = Plan(request, ctx, "", "", QgsRectangle(), project=project)
    for number, map_id in enumerate(request.maps):
        _check_cancel(feedback)
        _progress(feedback, 30.0 * number / len(request.maps))
        _build_map(plan, map_id)
    _check_cancel(feedback)
    report = apply_scope(project, request.scope, ctx.pack)
    project.removeMapLayers([layer.id() for layer in overlay_layers(project)])
    project.removeEntry(*PROJECT_SCOPE)
    plan.area, plan.extent = report.label, report.extent
    if request.scope is not None:
        plan.notes.append("I confini dei Comuni e delle Zone omogenee restano interi: fanno da cornice all'area.")
    plan.issues += [f"{problem} Nel pacchetto lo strato sarebbe intero." for problem in report.problems]
    plan.name = request.name or package_name(report.label)
    if request.previous_pack and request.previous_pack != Path(ctx.pack).name:
        plan.issues.append(
            f"Il pacchetto era stato preparato dal pacchetto dati «{request.previous_pack}»; ora si "
            f"userebbe «{Path(ctx.pack).name}», e i suoi strati sostituirebbero quelli del pacchetto."
        )
    _progress(feedback, 35.0)
    plan.items = _items(project, ctx)
    _check_basemap(plan, request.basemap)
    plan.folders_bytes = sum(_folder_bytes(folder) for folder in paths.PACKAGE_FOLDERS)
    _check_size(plan)
    if request.central:
        from remix_plugin.core.segnalazioni.central import connection_uri

        connection_uri(request.central)  # a wrong or password-bearing address is refused before any writing
    _progress(feedback, 40.0)
    return plan


def package_name(area: str, day: datetime = None) -> str:
    day = day or datetime.now()
    slug = "_".join(normalise(area).split())[:40].rstrip("_") or "area"
    return f"REMIX_offline_{slug}_{day:%Y%m%d}"


def _build_map(plan: Plan, map_id: str) -> None:
    """The map's entries that have a feature source, built and placed; the others are issues."""
    ctx = plan.ctx
    wanted = []
    for entry in ctx.catalogue.entries_for_map(map_id):
        if candidate_sources(entry, ctx, "vector"):
            wanted.append(entry)
        else:
            kinds = ", ".join(sorted({describe(s) for s in entry.sources})) or "nessuna"
            _add_once(
                plan.issues,
                f"Strato «{entry.title}»: nessuna sorgente scaricabile (sorgenti: {kinds}); "
                "non può andare offline e resterà fuori dal pacchetto.",
            )
    before = len(ctx.problems)
    built = maps.build_layers(map_id, ctx, entries=wanted, purpose="vector")
    problems = ctx.problems[before:]
    done = {entry.id for entry, _ in built}
    tables = datapack.pack_tables(ctx.pack) if ctx.pack else set()
    for entry in wanted:
        if entry.id not in done:
            said = [p for p in problems if p.startswith(f"Strato «{entry.title}»")] or [f"Strato «{entry.title}»."]
            table = entry.pack_table()
            if table and table not in tables:
                continue  # an optional table the pack does not have: said among the notes, nothing to decide
            _add_once(plan.issues, " ".join(said) + " Non può andare offline e resterà fuori dal pacchetto.")
    for problem in problems:
        if not any(problem in issue for issue in plan.issues):
            _add_once(plan.notes, problem)
    maps.place_layers(plan.project, map_id, built, ctx)


def _add_once(found: List[str], message: str) -> None:
    if message not in found:
        found.append(message)


def _items(project: QgsProject, ctx: SourceContext) -> List[PlanItem]:
    """One item per entry (a table shown in both maps is written once), in catalogue order."""
    layers = _entry_layers(project)
    order = [e.id for e in ctx.catalogue.entries]
    items = []
    for entry_id in sorted(layers, key=order.index):
        group = layers[entry_id]
        layer = group[0]
        count = layer.featureCount()
        items.append(
            PlanItem(
                entry_id,
                ctx.catalogue.entry(entry_id).title,
                sorted((lyr.customProperty(MAP_PROPERTY) for lyr in group), key=list(map_ids()).index),
                count,
                _estimate(layer, count),
                _origin(layer, ctx),
            )
        )
    return items


def _entry_layers(project: QgsProject) -> Dict[str, List[QgsVectorLayer]]:
    found: Dict[str, List[QgsVectorLayer]] = {}
    for layer in project.mapLayers().values():
        if layer.customProperty(ENTRY_PROPERTY) and isinstance(layer, QgsVectorLayer):
            found.setdefault(layer.customProperty(ENTRY_PROPERTY), []).append(layer)
    return found


def _estimate(layer: QgsVectorLayer, count: int) -> int:
    """Bytes the table will take: a sample's mean feature size times the count, plus GeoPackage costs."""
    if not count:
        return TABLE_BYTES
    sizes = [
        len(f.geometry().asWkb()) + sum(len(str(v)) for v in f.attributes())
        for f in layer.getFeatures(QgsFeatureRequest().setLimit(SAMPLE))
    ]
    return TABLE_BYTES + int(count * (statistics.mean(sizes) if sizes else 0) * GPKG_OVERHEAD)


def _origin(layer: QgsVectorLayer, ctx: SourceContext) -> str:
    provider = layer.providerType()
    assert ctx.pack is not None  # checked by plan_package
    if provider == "ogr" and Path(layer.source().split("|")[0]) == Path(ctx.pack):
        return f"pacchetto dati «{Path(ctx.pack).name}»"
    if provider == "ogr":
        return "calcolato dal pacchetto dati"
    if provider in ("arcgisfeatureserver", "virtual"):
        return "servizio ArcGIS REST (scaricato)"
    if provider == "OAPIF":
        return "servizio OGC API Features (scaricato)"
    return provider


def _check_basemap(plan: Plan, basemap: Optional[Path]) -> None:
    if not basemap:
        return
    path = Path(basemap)
    if not path.is_file():
        raise RemixError(f"Mappa di base «{path}» non trovata.")
    if path.suffix.lower() not in BASEMAP_SUFFIXES:
        raise RemixError(f"Mappa di base «{path.name}»: usare un file GeoTIFF (.tif) o MBTiles (.mbtiles).")
    layer = QgsRasterLayer(str(path), "mappa di base", "gdal")
    if not layer.isValid():
        raise RemixError(
            f"Mappa di base «{path.name}»: il file non si apre come immagine raster (GeoTIFF o MBTiles " "di immagini)."
        )
    plan.basemap_bytes = path.stat().st_size
    limit = plan.request.limit_mb * MB
    if plan.basemap_bytes > limit:
        plan.issues.append(
            f"Mappa di base «{path.name}» troppo grande: {_mb(plan.basemap_bytes)} MB, oltre il limite "
            f"di {plan.request.limit_mb} MB."
        )
    crs = QgsCoordinateReferenceSystem(datapack.CRS)
    extent = layer.extent()
    if layer.crs().isValid() and layer.crs() != crs:
        extent = QgsCoordinateTransform(
            layer.crs(), crs, QgsProject.instance().transformContext()
        ).transformBoundingBox(extent)
    if not extent.intersects(plan.extent):
        plan.issues.append(f"Mappa di base «{path.name}»: non copre l'area scelta ({plan.area}).")


def _check_size(plan: Plan) -> None:
    estimate, limit = plan.estimate_bytes, plan.request.limit_mb * MB
    if estimate > limit:
        plan.issues.append(
            f"Dimensione stimata del pacchetto {_mb(estimate)} MB, oltre il limite di " f"{plan.request.limit_mb} MB."
        )
    out = Path(plan.request.out_dir)
    existing = next((p for p in [out, *out.parents] if p.exists()), None)
    if existing is not None and shutil.disk_usage(existing).free < estimate:
        plan.issues.append(f"Spazio libero insufficiente in «{existing}»: servono circa {_mb(estimate)} MB.")


def _mb(size: int) -> str:
    return formatting.number(size / MB, 1)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) if Path(folder).is_dir() else 0


def _progress(feedback, value: float) -> None:
    if feedback is not None:
        feedback.setProgress(value)


def _check_cancel(feedback) -> None:
    if feedback is not None and feedback.isCanceled():
        raise RemixError("Preparazione del pacchetto offline annullata: nessun pacchetto scritto.")


# --- write ------------------------------------------------------------------------------------------


def prepare(
    request: OfflineRequest,
    ctx: SourceContext = None,
    feedback=None,
    accept: bool = False,
    write: bool = True,
    refresh: Path = None,
) -> Tuple[Plan, Optional[Path]]:
    """What every face runs: plan, then write (a new package, or the refresh of the package folder
    `refresh`) unless there is something to ask and the user has not accepted it. Returns the plan
    (released: readable, its layers gone) and the folder written, None when nothing was written."""
    plan = plan_package(request, ctx, feedback)
    try:
        if not write or (plan.issues and not accept):
            return plan, None
        return plan, write_refresh(plan, Path(refresh), feedback) if refresh else write_package(plan, feedback)
    finally:
        plan.release()


def write_package(plan: Plan, feedback=None) -> Path:
    """Write the planned package; returns its folder. Nothing under the package's name until it is complete."""
    if plan.project is None:
        raise RemixError("Piano del pacchetto offline già usato: ripetere la verifica.")
    out_dir = Path(plan.request.out_dir)
    staging = staging_folder(out_dir, plan.name)
    try:
        written = _write_data(plan, staging / DATA_FILE, feedback)
        _check_cancel(feedback)
        project = plan.project
        _resource(project, staging / DATA_FILE)
        store_count = _add_store(project, staging, plan, feedback)
        basemap = _add_basemap(project, staging, plan.request.basemap)
        _copy_folders(staging)
        project_file = _write_project(project, plan, staging / f"{plan.name}.qgz")
        plan.release()  # nothing of the package stays open when it is renamed
        checkpoint("progetto")
        _check_cancel(feedback)
        _progress(feedback, 95.0)
        write_manifest(staging, _manifest(plan, project_file.name, written, basemap, store_count))
        final = publish(staging, out_dir / free_name(out_dir, plan.name))
    except BaseException:
        discard(staging)
        raise
    _progress(feedback, 100.0)
    return final


def _write_data(plan: Plan, gpkg: Path, feedback) -> Dict[str, int]:
    """Every planned table, cut, with its style as the table's default; the pack's metadata and,
    whatever the maps, the Comuni and Zone (the contract's required tables) and the shares of the
    interventi among Comuni. Table -> features written."""
    layers = _entry_layers(plan.project)
    written = {}
    for number, item in enumerate(plan.items):
        _check_cancel(feedback)
        _progress(feedback, 40.0 + 40.0 * number / max(1, len(plan.items)))
        source = layers[item.entry_id][0]
        table = write_to_gpkg(source, gpkg, item.entry_id)
        written[item.entry_id] = table.featureCount()  # before the style is saved through another connection
        document = QDomDocument()
        source.exportNamedStyle(document, QgsReadWriteContext(), STYLE_CATEGORIES)
        table.importNamedStyle(document, STYLE_CATEGORIES)
        save_default_style(table, STYLE_NAME, f"{item.title} — stile CMM (RE.MIX)")
    # the shares of the interventi among Comuni too, so infoboxes and indicators in the field read them
    assert plan.ctx.pack is not None  # checked by plan_package
    for name in ("comuni", "zone_omogenee", SHARES_TABLE):
        if name not in written and name in datapack.pack_tables(plan.ctx.pack):
            written[name] = write_to_gpkg(datapack.open_table(plan.ctx.pack, name), gpkg, name).featureCount()
    write_to_gpkg(_metadata_layer(plan), gpkg, "metadata")
    return written


def _metadata_layer(plan: Plan) -> QgsVectorLayer:
    layer = QgsVectorLayer("None?field=chiave:string(0)&field=valore:string(0)", "metadata", "memory")
    assert plan.ctx.pack is not None  # checked by plan_package
    rows = dict(datapack.read_metadata(plan.ctx.pack))
    rows.update(
        pacchetto_offline=plan.name,
        area=plan.area,
        catalogo=plan.ctx.catalogue.version,
        origine=f"{rows.get('origine', '')} — ritaglio offline di «{Path(plan.ctx.pack).name}»".lstrip(" —"),
        creato_il=datetime.now().isoformat(timespec="seconds"),
    )
    features = []
    for key, value in rows.items():
        feature = QgsFeature(layer.fields())
        feature.setAttributes([key, str(value)])
        features.append(feature)
    add_features(layer, features)
    return layer


def _resource(project: QgsProject, gpkg: Path) -> None:
    """Point every catalogue layer at its table in the package (style, scale, properties kept). What
    names the original source goes: the filter's bookkeeping (the data are already cut) and the
    metadata a service filled in (its address)."""
    for layer in project.mapLayers().values():
        entry_id = layer.customProperty(ENTRY_PROPERTY)
        if not entry_id or not isinstance(layer, QgsVectorLayer):
            continue
        layer.setDataSource(datapack.table_uri(gpkg, entry_id), layer.name(), "ogr", QgsDataProvider.ProviderOptions())
        if not layer.isValid():
            raise RemixError(f"Strato «{layer.name()}»: tabella «{entry_id}» non leggibile nel pacchetto.")
        for name in FILTER_PROPERTIES:
            layer.removeCustomProperty(name)
        metadata = QgsLayerMetadata()
        metadata.setIdentifier(entry_id)
        metadata.setTitle(layer_description(layer).title() or layer.name())
        metadata.setCrs(layer.crs())
        layer.setMetadata(metadata)


def _add_store(project: QgsProject, folder: Path, plan: Plan, feedback) -> int:
    """The segnalazioni store (empty, or filled from the central store) with its editing layers (their
    Comuni from the pack: the package holds the same whole table)."""
    from remix_plugin.core.segnalazioni.geometry import ComuniLookup
    from remix_plugin.core.segnalazioni.layers import open_store_layers, place_store
    from remix_plugin.core.segnalazioni.store import create_local_store

    store = folder / STORE_FILE
    if plan.request.central:
        from remix_plugin.core.segnalazioni.sync import sync

        sync(store, plan.request.central, scope=plan.request.scope)  # what the login may read, in the package's area
    else:
        create_local_store(store)
    _check_cancel(feedback)
    assert plan.ctx.pack is not None  # checked by plan_package
    layers = open_store_layers(store, ComuniLookup.for_pack(plan.ctx.pack))
    place_store(project, layers)
    for layer in (layers.aree, layers.punti):
        _relative_value_relations(layer, folder)
    return layers.aree.featureCount() + layers.punti.featureCount()


def _relative_value_relations(layer: QgsVectorLayer, folder: Path) -> None:
    """The form's lists name their table by layer id; the source beside the id (a fallback QGIS writes
    as given, not through the project's relative paths) is made relative to the package too."""
    for index in range(layer.fields().count()):
        setup = layer.editorWidgetSetup(index)
        config = dict(setup.config())
        if setup.type() == "ValueRelation" and str(config.get("LayerSource", "")).startswith(str(folder)):
            config["LayerSource"] = "." + config["LayerSource"][len(str(folder)) :]
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(setup.type(), config))


def _add_basemap(project: QgsProject, folder: Path, basemap: Optional[Path]) -> Optional[dict]:
    if not basemap:
        return None
    target = folder / (BASEMAP_STEM + Path(basemap).suffix.lower())
    shutil.copyfile(basemap, target)
    layer = QgsRasterLayer(str(target), f"Mappa di base ({Path(basemap).name})", "gdal")
    if not layer.isValid():
        raise RemixError(f"Mappa di base «{Path(basemap).name}»: copia non leggibile in «{target}».")
    project.addMapLayer(layer, False)
    project.layerTreeRoot().addGroup("Mappa di base").addLayer(layer)
    return {"file": target.name, "origine": Path(basemap).name, "byte": target.stat().st_size}


def _copy_folders(folder: Path) -> None:
    """The plugin's infobox templates and print layouts, whatever they hold now (data, not code)."""
    for source, name in paths.PACKAGE_FOLDERS.items():
        if Path(source).is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            (folder / name).mkdir()


def _write_project(project: QgsProject, plan: Plan, path: Path, path_map: Tuple[Path, Path] = None) -> Path:
    """The project with relative paths; `path_map` (staging, final) rewrites paths into the staging
    folder as the final ones (a refresh writes its files beside the package before swapping them)."""
    project.setTitle(f"RE.MIX offline — {plan.area}")
    project.setFilePathStorage(Qgis.FilePathType.Relative)
    project.writeEntry(*paths.OFFLINE_ENTRY, plan.name)
    project.viewSettings().setDefaultViewExtent(
        QgsReferencedRectangle(plan.extent, QgsCoordinateReferenceSystem(datapack.CRS))
    )
    writer = None
    if path_map is not None:
        staged, final = (str(p) for p in path_map)
        writer = QgsPathResolver.setPathWriter(
            lambda text: text.replace(staged, final, 1) if text.startswith(staged) else text
        )
    try:
        if not project.write(str(path)):
            raise RemixError(f"Impossibile scrivere il progetto «{path.name}»: {project.error()}.")
    finally:
        if writer is not None:
            QgsPathResolver.removePathWriter(writer)
    return path


def _manifest(
    plan: Plan, project_file: str, written: Dict[str, int], basemap: Optional[dict], store_count: int
) -> dict:
    ctx, request = plan.ctx, plan.request
    assert ctx.pack is not None  # checked by plan_package
    names = {code: name for code, name, _ in comuni_table(ctx.pack)}
    return {
        "pacchetto": plan.name,
        "progetto": project_file,
        "creato_il": datetime.now().isoformat(timespec="seconds"),
        "generato_da": f"{__title__} {__version__}",
        "catalogo": {
            "versione": ctx.catalogue.version,
            "aggiornato": ctx.catalogue.updated,
            "titolo": ctx.catalogue.title,
        },
        "pacchetto_dati": {"file": Path(ctx.pack).name, "dimostrativo": datapack.is_demonstrative(ctx.pack)},
        "area": {
            "descrizione": plan.area,
            "codici_istat": sorted(request.scope) if request.scope is not None else None,
            "comuni": sorted(names.get(c, c) for c in request.scope) if request.scope is not None else None,
            "estensione_epsg32632": [
                round(v, 1)
                for v in (
                    plan.extent.xMinimum(),
                    plan.extent.yMinimum(),
                    plan.extent.xMaximum(),
                    plan.extent.yMaximum(),
                )
            ],
        },
        "mappe": list(request.maps),
        "sistema_di_riferimento": datapack.CRS,
        "strati": [
            {
                "id": i.entry_id,
                "titolo": i.title,
                "tabella": i.entry_id,
                "mappe": i.maps,
                "elementi": written.get(i.entry_id, 0),
                "origine": i.origin,
            }
            for i in plan.items
        ],
        "questioni": plan.issues,
        "note": plan.notes,
        "limite_mb": request.limit_mb,
        "mappa_di_base": basemap,
        "segnalazioni": {"file": STORE_FILE, "precompilato": bool(request.central), "elementi": store_count},
        "dati": DATA_FILE,
        "cartelle": sorted(paths.PACKAGE_FOLDERS.values()),
    }


# --- «Aggiorna pacchetto» ------------------------------------------------------------------------------


def refresh_request(folder: Path) -> OfflineRequest:
    """What the package was made of (its manifest), to plan it again with today's catalogue and data."""
    manifest = read_manifest(folder, interrupted=True)
    codes = manifest["area"]["codici_istat"]
    return OfflineRequest(
        out_dir=Path(folder).parent,
        maps=tuple(manifest["mappe"]),
        scope=frozenset(codes) if codes is not None else None,
        limit_mb=int(manifest.get("limite_mb") or 2048),
        name=manifest["pacchetto"],
        previous_pack=manifest["pacchetto_dati"]["file"],
    )


def write_refresh(plan: Plan, folder: Path, feedback=None) -> Path:
    """New catalogue tables, templates and layouts; in the package's project the catalogue layers are
    replaced and everything else (segnalazioni, basemap, the user's own layers) is kept. The
    segnalazioni store is never opened for writing. New files are written beside the package and
    swapped in at the end, with the manifest set aside meanwhile: an interrupted refresh leaves a
    folder without manifest (not complete), which the next refresh completes."""
    folder = Path(folder)
    manifest = read_manifest(folder, interrupted=True)
    project_path = folder / manifest["progetto"]
    if not (folder / STORE_FILE).is_file():
        raise RemixError(
            f"Pacchetto «{folder.name}»: manca l'archivio delle segnalazioni «{STORE_FILE}»; "
            "aggiornamento non eseguito."
        )
    _refuse_open_data(folder)
    _remove_leftovers(folder)
    staging = staging_folder(folder, "aggiornamento")
    project = QgsProject()
    try:
        if not project.read(str(project_path)):
            raise RemixError(f"Progetto «{project_path.name}» del pacchetto non leggibile: {project.error()}.")
        written = _write_data(plan, staging / DATA_FILE, feedback)
        _check_cancel(feedback)
        _replace_catalogue_layers(project, plan)
        _resource(project, staging / DATA_FILE)
        _copy_folders(staging)
        new_project = _write_project(
            project, plan, folder / f"{project_path.stem}.aggiornamento.qgz", (staging, folder)
        )
        project.clear()
        checkpoint("progetto")
        _check_cancel(feedback)
        _swap(folder, staging, new_project, project_path)
        store_count = _count_store(folder / STORE_FILE)
        write_manifest(
            folder,
            dict(
                _manifest(plan, project_path.name, written, manifest.get("mappa_di_base"), store_count),
                creato_il=manifest.get("creato_il"),
                aggiornato_il=datetime.now().isoformat(timespec="seconds"),
                segnalazioni=dict(manifest.get("segnalazioni", {}), elementi=store_count),
            ),
        )
        (folder / INTERRUPTED).unlink(missing_ok=True)
    finally:
        project.clear()
        discard(staging)
        (folder / f"{project_path.stem}.aggiornamento.qgz").unlink(missing_ok=True)
    _progress(feedback, 100.0)
    return folder


def _refuse_open_data(folder: Path) -> None:
    """A catalogue GeoPackage open in QGIS (a non-empty write-ahead log) must not be replaced under it."""
    wal = folder / (DATA_FILE + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RemixError(
            f"Il file «{DATA_FILE}» del pacchetto è aperto in QGIS: chiudere il progetto del pacchetto "
            "e ripetere l'aggiornamento."
        )


def _remove_leftovers(folder: Path) -> None:
    """What a refresh killed before its swap left beside the package (never part of it)."""
    for path in folder.glob(".aggiornamento-*.tmp"):
        discard(path)
    for path in folder.glob("*.aggiornamento.qgz"):
        path.unlink()


def _replace_catalogue_layers(project: QgsProject, plan: Plan) -> None:
    """Remove the old catalogue layers (their groups stay, so the new ones land where the old ones were),
    move the planned ones in, and drop groups left empty."""
    project.removeMapLayers([lyr.id() for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY)])
    assert plan.project is not None  # not yet released: the plan is released after the refresh is written
    for map_id in plan.request.maps:
        built = []
        for layer in [
            lyr
            for lyr in plan.project.mapLayers().values()
            if lyr.customProperty(MAP_PROPERTY) == map_id and lyr.customProperty(ENTRY_PROPERTY)
        ]:
            plan.project.takeMapLayer(layer)
            built.append((plan.ctx.catalogue.entry(layer.customProperty(ENTRY_PROPERTY)), layer))
        maps.place_layers(project, map_id, built, plan.ctx)
    _drop_empty_groups(project.layerTreeRoot())


def _drop_empty_groups(group: QgsLayerTreeGroup) -> None:
    for child in list(group.children()):
        if isinstance(child, QgsLayerTreeGroup):
            _drop_empty_groups(child)
            if not child.children():
                group.removeChildNode(child)


def _swap(folder: Path, staging: Path, new_project: Path, project_path: Path) -> None:
    """Manifest aside, new files in, old ones out (each step a rename)."""
    if (folder / MANIFEST).exists():
        os.replace(folder / MANIFEST, folder / INTERRUPTED)
    for suffix in ("-wal", "-shm"):
        (folder / (DATA_FILE + suffix)).unlink(missing_ok=True)
    os.replace(staging / DATA_FILE, folder / DATA_FILE)
    checkpoint("scambio")
    for name in paths.PACKAGE_FOLDERS.values():
        if (folder / name).exists():
            os.replace(folder / name, staging / f"{name}.precedente")
        os.replace(staging / name, folder / name)
    os.replace(new_project, project_path)


def _count_store(store: Path) -> int:
    from remix_plugin.core.data.layers import table_uri
    from remix_plugin.core.segnalazioni.schema import LAYERS

    return sum(QgsVectorLayer(table_uri(store, table), table, "ogr").featureCount() for table in LAYERS)
