"""The store's layers as QGIS layers configured for editing: the form follows the taxonomy.

Everything is built from resources/segnalazioni/taxonomy.json and the data pack's Comuni:
aliases in Italian, value maps for the closed lists, value relations (multiple choice) over the
store's `segnalazioni_valori` table, constraints with Italian messages (required fields, required
by natura/tipo, closed lists), default values, read-only bookkeeping, hidden sync columns, and a
drag-and-drop form whose groups appear and hide by natura. The form is one scrolling page (a QGIS form tab:
it fits a 1280×800 tablet, its buttons on the screen); the Comune, the Zona and the autore are in its first
group, the technical record (UUID, dispositivo, timestamps) in a group that opens collapsed, and an
empty text field is empty, not the word «NULL». The CLI checks a new segnalazione
against the very same constraints (QgsVectorLayerUtils.validateAttribute), so the rules live once.
The autore of a new segnalazione is the profile's (see author()), never typed: read-only in the form.
"""

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    NULL,
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsOptionalExpression,
    QgsProject,
    QgsValueMapFieldFormatter,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from remix_plugin.core.base import formatting, paths
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import set_collapsed, set_group_box
from remix_plugin.core.base.settings import Settings, system_user_name
from remix_plugin.core.base.values import text_value
from remix_plugin.core.data.layers import table_uri
from remix_plugin.core.segnalazioni.geometry import ComuniLookup, place
from remix_plugin.core.segnalazioni.schema import (
    FILING_STATES,
    LAYERS,
    Taxonomy,
    condition_expression,
    encode_multi,
    load_taxonomy,
    rules,
)
from remix_plugin.core.segnalazioni.store import SYNC_FIELDS, VALUES, create_local_store, hidden_rows, refresh_values

STORE_PROPERTY = "remix/segnalazioni"  # custom property: which store table a project layer shows
AUTHOR_FIELD = "autore"  # filled from the profile, not typed
GROUP_TITLE = "Segnalazioni RE.MIX"
FORM_PAGE = "Scheda della segnalazione"  # the form's one tab: QGIS scrolls a tab's content, not group boxes
IN_VIEW = ("comune_istat", "zona_omogenea", AUTHOR_FIELD)  # shown in the first group, whatever their own
TECHNICAL_GROUP = "registrazione"  # the rest of the record: read-only, in a group that opens collapsed


@dataclass
class StoreLayers:
    path: Path
    aree: QgsVectorLayer
    punti: QgsVectorLayer
    valori: QgsVectorLayer

    def layer(self, table: str) -> QgsVectorLayer:
        return self.aree if table == LAYERS[0] else self.punti

    def for_natura(self, natura: str) -> QgsVectorLayer:
        return self.layer(load_taxonomy().layer_for(natura))


def open_store_layers(path, lookup: ComuniLookup, device: str = None) -> StoreLayers:
    """The store's layers (the file is created if missing), configured for editing; not in any project."""
    path = create_local_store(path)
    refresh_values(path)
    taxonomy = load_taxonomy()
    valori = QgsVectorLayer(table_uri(path, VALUES), "segnalazioni_valori", "ogr")
    built = {}
    for name in LAYERS:
        layer = QgsVectorLayer(table_uri(path, name), taxonomy.layers[name].title, "ogr")
        if not layer.isValid():
            raise RemixError(f"Strato «{name}» dell'archivio «{path.name}» non leggibile.")
        configure_layer(layer, name, taxonomy, lookup, valori, device or socket.gethostname())
        built[name] = layer
    return StoreLayers(path, built[LAYERS[0]], built[LAYERS[1]], valori)


def configure_layer(
    layer: QgsVectorLayer, table: str, taxonomy: Taxonomy, lookup: ComuniLookup, valori: QgsVectorLayer, device: str
) -> None:
    style = paths.STYLES / "segnalazioni" / f"{table}.qml"
    if style.exists():
        layer.loadNamedStyle(str(style), QgsMapLayer.Symbology | QgsMapLayer.Labeling)
    comuni = lookup.all()
    allowed = {"comune": [c.code for c in comuni], "zona": lookup.zones()}
    fields = layer.fields()
    form = layer.editFormConfig()
    for f in taxonomy.fields:
        index = fields.indexOf(f.name)
        layer.setFieldAlias(index, f.label)
        layer.setEditorWidgetSetup(index, _widget(f, taxonomy, comuni, allowed, valori))
        form.setReadOnly(index, f.derived)
        parts = rules(taxonomy, f, table, allowed)
        if parts:
            layer.setConstraintExpression(index, " AND ".join(e for e, _ in parts), " ".join(m for _, m in parts))
            layer.setFieldConstraint(
                index, QgsFieldConstraints.ConstraintExpression, QgsFieldConstraints.ConstraintStrengthHard
            )
        default = _default(f, device)
        if default is not None:
            layer.setDefaultValueDefinition(index, default)
    for name in SYNC_FIELDS:
        layer.setEditorWidgetSetup(fields.indexOf(name), QgsEditorWidgetSetup("Hidden", {}))
    _form_layout(form, taxonomy, fields)
    layer.setEditFormConfig(form)
    table_config = layer.attributeTableConfig()
    table_config.update(fields)
    columns = table_config.columns()
    for column in columns:
        column.hidden = column.name in SYNC_FIELDS or column.name == "fid"
    table_config.setColumns(columns)
    layer.setAttributeTableConfig(table_config)
    layer.setDisplayExpression('"titolo"')
    layer.setCustomProperty(STORE_PROPERTY, table)


def _form_layout(form: QgsEditFormConfig, taxonomy: Taxonomy, fields) -> None:
    """One tab (so that it scrolls) holding a group box per taxonomy group, in the taxonomy's order; the fields
    of IN_VIEW open the first group, after its own first three (titolo, tipo, natura)."""
    form.setLayout(QgsEditFormConfig.TabLayout)
    form.clearTabs()
    page = QgsAttributeEditorContainer(FORM_PAGE, form.invisibleRootContainer())
    set_group_box(page, False)
    page.setColumnCount(1)
    for position, group in enumerate(taxonomy.groups):
        members = [f.name for f in taxonomy.fields if f.group == group.id and f.name not in IN_VIEW]
        if position == 0:
            members[3:3] = IN_VIEW
        container = QgsAttributeEditorContainer(group.title, page)
        set_group_box(container)
        container.setColumnCount(1)
        if group.id == TECHNICAL_GROUP:
            set_collapsed(container)  # QGIS 3.22-3.24: gui.segnalazione_form collapses it
        if group.visible_when:
            container.setVisibilityExpression(
                QgsOptionalExpression(QgsExpression(condition_expression(group.visible_when)))
            )
        for name in members:
            container.addChildElement(QgsAttributeEditorField(name, fields.indexOf(name), container))
        page.addChildElement(container)
    form.addTab(page)


def technical_fields(taxonomy: Taxonomy) -> List[str]:
    """The fields of the group that opens collapsed: the record's bookkeeping, none of them typed."""
    return [f.name for f in taxonomy.fields if f.group == TECHNICAL_GROUP and f.name not in IN_VIEW]


def _widget(
    f, taxonomy: Taxonomy, comuni, allowed: Dict[str, List[str]], valori: QgsVectorLayer
) -> QgsEditorWidgetSetup:
    if f.kind == "choice":
        return _value_map(
            [(label, code) for code, label in taxonomy.lists[f.list]], not (f.required or f.name == "natura")
        )
    if f.kind == "comune":
        return _value_map([(c.name, c.code) for c in comuni], False)
    if f.kind == "zona":
        return _value_map([(z, z) for z in allowed["zona"]], False)
    if f.kind == "multichoice":
        return QgsEditorWidgetSetup(
            "ValueRelation",
            {
                "Layer": valori.id(),
                "LayerName": valori.name(),
                "LayerSource": valori.source(),
                "LayerProviderName": "ogr",
                "Key": "valore",
                "Value": "etichetta",
                "AllowMulti": True,
                "AllowNull": True,
                "OrderByValue": True,
                "UseCompleter": False,
                "NofColumns": 1,
                "FilterExpression": f'"lista" = {QgsExpression.quotedString(f.list)}',
            },
        )
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": f.kind == "longtext", "UseHtml": False})


def _value_map(items, optional: bool) -> QgsEditorWidgetSetup:
    entries = ([{"(nessuno)": QgsValueMapFieldFormatter.NULL_VALUE}] if optional else []) + [
        {label: code} for label, code in items
    ]
    return QgsEditorWidgetSetup("ValueMap", {"map": entries})


def _default(f, device: str) -> Optional[QgsDefaultValue]:
    if f.kind == "uuid":
        return QgsDefaultValue("uuid('WithoutBraces')")
    if f.name == "comune":
        return QgsDefaultValue('represent_value("comune_istat")', True)
    if f.name == AUTHOR_FIELD:  # for QGIS's own add-feature tools, which bypass new_feature: the setting's default
        return QgsDefaultValue("coalesce(nullif(@user_full_name, ''), @user_account_name)")
    if f.name == "dispositivo":
        return QgsDefaultValue(QgsExpression.quotedString(device))
    if f.default:
        return QgsDefaultValue(QgsExpression.quotedString(f.default))
    if f.kind in ("text", "longtext"):  # a NULL text shows as the word «NULL», which the user would have to delete
        return QgsDefaultValue("''")
    return None


def place_store(project: QgsProject, layers: StoreLayers) -> QgsLayerTreeGroup:
    """Put the store's layers at the top of the layer tree (once); the value table is registered, not shown."""
    root = project.layerTreeRoot()
    group = root.findGroup(GROUP_TITLE) or root.insertGroup(0, GROUP_TITLE)
    project.addMapLayer(layers.valori, False)
    for layer in (layers.punti, layers.aree):
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return group


def placed_store_layers(project: QgsProject, path) -> Optional[StoreLayers]:
    """The store's layers already in the project (a saved project read again, an offline package's),
    None unless all three are there."""
    found = {}
    for layer in project.mapLayers().values():
        source = layer.source().split("|")
        if len(source) > 1 and Path(source[0]) == Path(path):
            found[source[1].replace("layername=", "")] = layer
    if not all(name in found for name in (*LAYERS, VALUES)):
        return None
    return StoreLayers(Path(path), found[LAYERS[0]], found[LAYERS[1]], found[VALUES])


def store_layers_in(project: QgsProject) -> Dict[str, QgsVectorLayer]:
    """table -> the project layer showing it (the ones the plugin placed)."""
    return {
        lyr.customProperty(STORE_PROPERTY): lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty(STORE_PROPERTY)
    }


# --- one new segnalazione (the form does the same through QgsAttributeForm) ------------------------


def author() -> str:
    """Who files a segnalazione here: the profile's «Autore» (Impostazioni RE.MIX), read when filing so that an
    offline package made elsewhere names whoever uses it; emptied there, the system user's full name."""
    return Settings.load().segnalazioni_author.strip() or system_user_name()


def new_feature(layer: QgsVectorLayer, geometry: QgsGeometry, values: Dict[str, object]) -> QgsFeature:
    """A feature with the given values and the layer's default values for the rest; its autore is author(),
    whatever was given: who filed a segnalazione is not typed (the form, the CLI, offline packages)."""
    fields = layer.fields()
    given = {fields.indexOf(name): value for name, value in values.items() if fields.indexOf(name) >= 0}
    given[fields.indexOf(AUTHOR_FIELD)] = author()
    return QgsVectorLayerUtils.createFeature(layer, geometry, given, layer.createExpressionContext())


def problems(layer: QgsVectorLayer, feature: QgsFeature) -> List[str]:
    """The rules the feature breaks, as Italian messages: the layer's own constraint expressions, part by part."""
    taxonomy = load_taxonomy()
    allowed = {
        kind: list(_codes(layer, name)) for kind, name in (("comune", "comune_istat"), ("zona", "zona_omogenea"))
    }
    context = layer.createExpressionContext()
    context.setFeature(feature)
    found = []
    for f in taxonomy.fields:
        for expression, message in rules(taxonomy, f, layer.customProperty(STORE_PROPERTY), allowed):
            if not QgsExpression(expression).evaluate(context):
                found.append(message)
    return found


def _codes(layer: QgsVectorLayer, field: str):
    """The codes of a field's value map (the Comuni and Zone of the pack the layer was configured with)."""
    setup = layer.editorWidgetSetup(layer.fields().indexOf(field))
    for entry in setup.config().get("map", []):
        yield from (code for code in entry.values() if code != QgsValueMapFieldFormatter.NULL_VALUE)


def commit(layer: QgsVectorLayer) -> None:
    """Write the layer's edits to the GeoPackage now; on failure the edits stay in the buffer (nothing lost)."""
    if not layer.commitChanges():
        errors = " ".join(e.strip() for e in layer.commitErrors() if e.strip())
        raise RemixError(
            f"Strato «{layer.name()}»: salvataggio non riuscito ({errors}). Le modifiche non sono "
            "perse: sono ancora nello strato in modifica."
        )


def set_values(layer: QgsVectorLayer, fid: int, values: Dict[str, object]) -> None:
    """Change fields of one segnalazione through its layer and commit at once (e.g. the stato, CMM side)."""
    if not layer.isEditable():
        layer.startEditing()
    for name, value in values.items():
        layer.changeAttributeValue(fid, layer.fields().indexOf(name), value)
    commit(layer)


def add_segnalazione(
    path, values: Dict[str, object], geometry: Optional[QgsGeometry], lookup: ComuniLookup, device: str = None
) -> Tuple[str, List[str]]:
    """Check and save one segnalazione (the CLI's `new`); returns its uuid and what was repaired.
    Multiple choices as lists.

    Without a geometry, an *azioni* or programme point is placed inside the given Comune."""
    taxonomy = load_taxonomy()
    natura = str(values.get("natura") or "")
    taxonomy.layer_for(natura)
    stato = str(values.get("stato") or FILING_STATES[0])
    if stato not in FILING_STATES:
        raise RemixError(
            f"Segnalazione «{formatting.shortened(text_value(values.get('titolo')), 80)}»: una nuova segnalazione è "
            f"in stato «bozza» o «inviata»; «{taxonomy.label('stato', stato)}» lo decide l'istruttoria di Città "
            "metropolitana."
        )
    layers = open_store_layers(path, lookup, device)
    layer = layers.for_natura(natura)
    comune = lookup.find(str(values["comune_istat"])) if values.get("comune_istat") else None
    if geometry is None:
        if comune is None or layer is layers.aree:
            raise RemixError(
                f"Segnalazione «{values.get('titolo', '')}»: serve una geometria (--wkt)"
                + (" con il perimetro dei lavori." if layer is layers.aree else " o un Comune.")
            )
        geometry = lookup.point_inside(comune)
    placed = place(geometry, natura, lookup, taxonomy)
    if comune is not None and comune != placed.comune:
        placed.notes.append(
            f"La geometria cade nel Comune di {placed.comune.name}, ma la segnalazione è registrata "
            f"per {comune.name} come indicato."
        )
    comune = comune or placed.comune
    given = {
        name: (encode_multi(value) if isinstance(value, (list, tuple)) else value) for name, value in values.items()
    }
    given.update(comune_istat=comune.code, comune=comune.name)
    given.setdefault("zona_omogenea", comune.zona)
    feature = new_feature(layer, placed.geometry, given)
    found = problems(layer, feature)
    if found:
        title = formatting.shortened(text_value(values.get("titolo")), 80)  # a message is a line, not the text
        raise RemixError(f"Segnalazione «{title}» non salvata: " + " ".join(found))
    layer.startEditing()
    layer.addFeature(feature)
    commit(layer)
    return str(feature["uuid"]), placed.notes


# --- reading, for the dock and the CLI ---------------------------------------------------------------


@dataclass
class Summary:
    uuid: str
    table: str
    fid: int
    titolo: str
    tipo: str
    natura: str
    stato: str
    comune_istat: str
    comune: str
    zona_omogenea: str
    aggiornata_il: str
    pending: bool  # changed here since the last sync
    hidden: bool = False  # no longer readable in the central store (the last sync found): kept here


_SUMMARY_FIELDS = (
    "uuid",
    "titolo",
    "tipo",
    "natura",
    "stato",
    "comune_istat",
    "comune",
    "zona_omogenea",
    "aggiornata_il",
)


def summaries(path, stati=(), tipi=(), comuni: Optional[frozenset] = None) -> List[Summary]:
    """The store's segnalazioni, filtered by stato, tipo and Comuni (ISTAT codes), newest first."""
    path = Path(path)
    if not path.exists():
        raise RemixError(f"Archivio delle segnalazioni «{path}» non trovato.")
    parts = [
        f'"{name}" IN ({", ".join(map(QgsExpression.quotedString, values))})'
        for name, values in (("stato", stati), ("tipo", tipi), ("comune_istat", sorted(comuni or ())))
        if values
    ]
    if comuni is not None and not comuni:
        return []
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    if parts:
        request.setFilterExpression(" AND ".join(parts))
    found = []
    hidden = hidden_rows(path)
    for table in LAYERS:
        layer = QgsVectorLayer(table_uri(path, table), table, "ogr")
        if not layer.isValid():
            raise RemixError(f"Archivio delle segnalazioni «{path.name}»: strato «{table}» non leggibile.")
        for f in layer.getFeatures(request):
            text = {name: _text(f[name]) for name in _SUMMARY_FIELDS}
            pending = f["modificata"] == 1
            found.append(Summary(table=table, fid=f.id(), pending=pending, hidden=text["uuid"] in hidden, **text))
    return sorted(found, key=lambda s: s.aggiornata_il, reverse=True)


def _text(value) -> str:
    return "" if value is None or value == NULL else str(value)
