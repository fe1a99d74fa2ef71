"""The segnalazione form on a 1280×800 tablet (issue #18): it scrolls instead of growing past the screen, its
OK button is on the screen, Comune and Zona are in view, the technical fields (UUID, dispositivo, timestamps)
wait read-only in a closed group, and an empty field is empty — never the word «NULL»."""

import pytest
from qgis.core import NULL, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from remix_plugin.core.segnalazioni.layers import (
    TECHNICAL_GROUP,
    new_feature,
    open_store_layers,
    place_store,
    technical_fields,
)
from remix_plugin.core.segnalazioni.schema import encode_multi, load_taxonomy
from remix_plugin.gui.segnalazione_form import group_box, is_collapsed, open_form
from tests.qgis.segnalazioni_fixtures import (  # noqa: F401
    SURVEY_2020,
    example_geometry,
    example_values,
    fill_form,
    form_widget,
    lookup,
    pack,
)

TABLET = QRect(0, 0, 1280, 800)


@pytest.fixture()
def layers(tmp_path, lookup, qgis_new_project, isolated_settings):
    built = open_store_layers(tmp_path / "segnalazioni.gpkg", lookup, device="vm")
    place_store(QgsProject.instance(), built)
    return built


@pytest.fixture()
def opened():
    """Forms are closed while their layers still exist (not at QGIS's exit), whatever the test did."""
    dialogs = []
    yield dialogs.append
    for dialog in dialogs:
        dialog.reject()


def new_form(layers, pack, lookup, example, opened):
    """The form as «Nuova segnalazione» opens it once drawn: tipo, natura, Comune and Zona known."""
    geometry = example_geometry(pack, example)
    comune = lookup.at(geometry)
    layer = layers.for_natura(example["natura"])
    values = {"tipo": example["tipo"], "natura": example["natura"]}
    values.update(comune_istat=comune.code, zona_omogenea=comune.zona)
    dialog = open_form(layer, new_feature(layer, geometry, values))
    opened(dialog)
    return dialog


def on_tablet(dialog) -> None:
    """Shown as a window manager does on a 1280×800 screen: no larger than the screen, at its top left."""
    size = dialog.size().boundedTo(TABLET.size())
    dialog.setGeometry(QRect(TABLET.topLeft(), size))
    QgsApplication.processEvents()


def shown_texts(dialog):
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            yield widget.objectName(), widget.text() + " " + widget.placeholderText()
        elif isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.objectName(), widget.text()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            yield widget.objectName(), widget.toPlainText()
        elif isinstance(widget, QComboBox):
            yield widget.objectName(), widget.currentText()


@pytest.mark.parametrize("example", [SURVEY_2020[0], SURVEY_2020[1]], ids=["aree", "punti"])
def test_the_form_fits_a_tablet_and_its_ok_button_is_on_the_screen(layers, pack, lookup, opened, example):
    dialog = new_form(layers, pack, lookup, example, opened)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 760, hint
    on_tablet(dialog)
    assert dialog.height() <= 800
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isVisible()
    where = QRect(ok.mapTo(dialog, ok.rect().topLeft()), ok.size()).translated(dialog.geometry().topLeft())
    assert TABLET.contains(where), where
    assert dialog.findChild(QScrollArea) is not None  # what does not fit scrolls
    # Comune and Zona omogenea are in view as the form opens: inside the visible part of the scrolled page
    for name in ("comune_istat", "zona_omogenea", "titolo"):
        widget = form_widget(dialog, name)
        assert widget.isVisible(), name
        assert not widget.visibleRegion().isEmpty(), f"{name} is scrolled out of view"


@pytest.mark.parametrize("example", [SURVEY_2020[0], SURVEY_2020[1]], ids=["aree", "punti"])
def test_a_new_segnalazione_shows_no_null_and_the_technical_group_is_closed_and_read_only(
    layers, pack, lookup, opened, example
):
    dialog = new_form(layers, pack, lookup, example, opened)
    assert [(name, text) for name, text in shown_texts(dialog) if "NULL" in text] == []
    assert form_widget(dialog, "titolo").text() == ""
    taxonomy = load_taxonomy()
    technical = group_box(dialog, next(g.title for g in taxonomy.groups if g.id == TECHNICAL_GROUP))
    assert technical.isVisible() and is_collapsed(technical)
    assert set(technical_fields(taxonomy)) >= {"uuid", "dispositivo", "creata_il", "aggiornata_il"}
    for name in technical_fields(taxonomy):
        widget = form_widget(dialog, name)
        assert technical.isAncestorOf(widget) and not widget.isVisible(), name
        assert widget.isReadOnly() if isinstance(widget, (QLineEdit, QPlainTextEdit)) else not widget.isEnabled()
    assert form_widget(dialog, "dispositivo").text() == "vm"  # there, for whoever opens the group
    assert not form_widget(dialog, "titolo").isReadOnly()


def test_the_form_still_fills_and_saves_from_the_tablet(layers, pack, lookup, opened):
    example = SURVEY_2020[1]  # Casa dei Castanesi: azioni, a point
    dialog = new_form(layers, pack, lookup, example, opened)
    on_tablet(dialog)
    fill_form(dialog, {k: v for k, v in example_values(example).items() if k not in ("tipo", "natura")})
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()
    [saved] = list(layers.punti.getFeatures())
    assert saved["titolo"] == example["titolo"] and saved["dispositivo"] == "vm"
    assert saved["creata_il"]  # the file's own trigger: never an empty timestamp


def open_group(box) -> None:
    """What a person does to open a closed group: the arrow (QGIS 3.26 and later) or the box of its title."""
    if hasattr(box, "setCollapsed"):
        box.setCollapsed(False)
    else:
        box.setChecked(True)
    QgsApplication.processEvents()


def test_an_opened_technical_group_shows_the_record_read_only_and_an_istruttoria_with_notes_is_open(
    layers, pack, lookup, opened
):
    taxonomy = load_taxonomy()
    titles = {g.id: g.title for g in taxonomy.groups}
    dialog = new_form(layers, pack, lookup, SURVEY_2020[1], opened)
    on_tablet(dialog)
    assert is_collapsed(group_box(dialog, titles["istruttoria"]))  # no notes from CMM yet: nothing to read there
    technical = group_box(dialog, titles[TECHNICAL_GROUP])
    open_group(technical)
    assert not is_collapsed(technical)
    for name in technical_fields(taxonomy):
        widget = form_widget(dialog, name)
        assert widget.isVisible() and (widget.isReadOnly() or not widget.isEnabled()), name
    assert form_widget(dialog, "creata_il").text() == ""  # the file stamps it when saved
    fill_form(dialog, {"titolo": SURVEY_2020[1]["titolo"], "tipo_servizio": "Servizi di comunità"})
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    [saved] = list(layers.punti.getFeatures())
    assert saved["creata_il"] and saved["uuid"]
    layers.punti.startEditing()
    layers.punti.changeAttributeValue(saved.id(), saved.fieldNameIndex("note_istruttoria"), "Manca la planimetria.")
    assert layers.punti.commitChanges()
    edit = open_form(layers.punti, next(layers.punti.getFeatures()), new=False)
    opened(edit)
    assert not is_collapsed(group_box(edit, titles["istruttoria"]))  # CMM wrote: the Comune reads it at once
    assert is_collapsed(group_box(edit, titles[TECHNICAL_GROUP]))
    assert form_widget(edit, "creata_il").text() == saved["creata_il"]
    assert form_widget(edit, "note_istruttoria").toPlainText() == "Manca la planimetria."


def test_a_segnalazione_filed_with_empty_texts_shows_them_empty_and_keeps_them_null(layers, pack, lookup, opened):
    """Filed before (or by QGIS's own tools) with NULL texts: shown empty, saved NULL unless typed into."""
    example = SURVEY_2020[1]
    geometry = example_geometry(pack, example)
    comune = lookup.at(geometry)
    feature = new_feature(layers.punti, geometry, {"comune_istat": comune.code, "zona_omogenea": comune.zona})
    for name, value in example_values(example).items():
        feature[name] = encode_multi(value) if isinstance(value, list) else value
    feature["comune"] = comune.name
    for name in ("attori_nomi", "ambito_azione", "popolazione_riferimento"):
        feature[name] = NULL
    layers.punti.startEditing()
    assert layers.punti.addFeature(feature) and layers.punti.commitChanges()
    edit = open_form(layers.punti, next(layers.punti.getFeatures()), new=False)
    opened(edit)
    assert [(name, text) for name, text in shown_texts(edit) if "NULL" in text] == []
    fill_form(edit, {"stato": "inviata", "ambito_azione": "Servizi di prossimità"})
    edit.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    [saved] = list(layers.punti.getFeatures())
    assert (saved["stato"], saved["ambito_azione"]) == ("inviata", "Servizi di prossimità")
    assert saved["attori_nomi"] == NULL and saved["popolazione_riferimento"] == NULL  # untouched: still NULL
