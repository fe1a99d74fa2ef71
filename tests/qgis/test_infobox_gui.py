"""The «Informazioni RE.MIX» tool, the «Infobox RE.MIX» dock, the «RE.MIX» locator filter and the «Aiuto»
menu, as a planner uses them: clicks on the real map canvas with both maps of the demo pack loaded,
the real QGIS locator, links clicked in the dock."""

import time

import pytest
from qgis.core import QgsApplication, QgsLocator, QgsLocatorContext, QgsLocatorResult, QgsProject
from qgis.gui import QgsHighlight, QgsLayerTreeMapCanvasBridge
from qgis.PyQt.QtCore import QObject, QPoint, Qt, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from remix_plugin.core.base.settings import Settings
from remix_plugin.core.catalogue.maps import load_map, make_context
from remix_plugin.core.data import datapack
from remix_plugin.core.data.layers import ENTRY_PROPERTY
from remix_plugin.core.scope.filtering import apply_scope
from remix_plugin.core.scope.model import resolve_scope

RHO_CUP = "C41I21000020001"


class Opened(QObject):
    """Receives what QDesktopServices.openUrl would hand to the system browser (Qt's own URL handlers)."""

    def __init__(self, schemes):
        super().__init__()
        self.urls = []
        self.schemes = schemes
        for scheme in schemes:
            QDesktopServices.setUrlHandler(scheme, self, "record")

    @pyqtSlot(QUrl)
    def record(self, url):
        self.urls.append(url.toString())

    def close(self):
        for scheme in self.schemes:
            QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture()
def opened():
    handler = Opened(["http", "https", "mailto", "javascript", "file"])
    yield handler
    handler.close()


@pytest.fixture()
def locator():
    return QgsLocator()


@pytest.fixture()
def plugin(qgis_iface, qgis_canvas, demo_pack, isolated_settings, qgis_new_project, monkeypatch, locator):
    from remix_plugin.gui.session import Session
    from remix_plugin.plugin import RemixPlugin

    # pytest-qgis's interface lacks these; QGIS Desktop has them (tests/desktop proves them there)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", qgis_iface.mainWindow().removeDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "registerLocatorFilter", locator.registerFilter, raising=False)
    monkeypatch.setattr(qgis_iface, "deregisterLocatorFilter", locator.deregisterFilter, raising=False)
    settings = Settings.load()
    settings.data_pack = str(demo_pack)
    settings.save()
    plugin = RemixPlugin(qgis_iface)
    plugin.menu, plugin.toolbar = QMenu(), QToolBar()
    plugin.session = Session(qgis_iface)
    yield plugin
    QgsProject.instance().clear()


@pytest.fixture()
def component(plugin):
    from remix_plugin.gui.infobox_component import InfoboxComponent

    part = InfoboxComponent(plugin)
    part.init_gui()
    yield part
    if part.filter is not None:
        part.unload()


@pytest.fixture()
def maps(component, demo_pack, qgis_canvas, tmp_path):
    """Both maps loaded from the demo pack; the canvas draws the layer tree, laid out at its real size."""
    ctx = make_context(pack=demo_pack, derived_store=tmp_path / "derivati.gpkg")
    project = QgsProject.instance()
    for map_id in ("opportunita", "realizzazioni"):
        load_map(project, map_id, ctx)
    bridge = QgsLayerTreeMapCanvasBridge(project.layerTreeRoot(), qgis_canvas)
    bridge.setCanvasLayers()
    qgis_canvas.setDestinationCrs(project.crs())
    window = qgis_canvas.window()
    window.resize(1000, 800)
    window.show()
    QgsApplication.processEvents()
    yield project
    window.hide()
    QgsApplication.processEvents()
    del bridge


def pinqua_rho(project):
    """The PINQuA intervento of CUP 4 in Rho, and a point inside it where it is the smallest intervento
    (the real PINQuA areas of Rho overlap: the smallest under the click is the one aimed at)."""
    layer = next(
        lyr for lyr in project.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "interventi_pinqua"
    )
    feature = next(layer.getFeatures(f"\"cup\" = '{RHO_CUP}'"))
    alone = feature.geometry()
    for other in layer.getFeatures():
        if other.id() != feature.id() and other.geometry().area() < feature.geometry().area():
            alone = alone.difference(other.geometry())
    return layer, feature, alone.pointOnSurface().asPoint()


def look_at(canvas, point, scale):
    canvas.setCenter(point)
    canvas.zoomScale(scale)
    canvas.refresh()
    QgsApplication.processEvents()


def click(canvas, point, button=Qt.MouseButton.LeftButton):
    pixel = canvas.getCoordinateTransform().transform(point)
    QTest.mouseClick(
        canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, QPoint(round(pixel.x()), round(pixel.y()))
    )
    QgsApplication.processEvents()


def anchors(browser):
    """(text, href) of every link the browser shows."""
    found, block = [], browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                found.append((fragment.text(), fragment.charFormat().anchorHref()))
            iterator += 1
        block = block.next()
    return found


def highlights(canvas):
    return [item for item in canvas.scene().items() if isinstance(item, QgsHighlight)]


def test_clicking_an_intervento_shows_its_infobox(component, maps, qgis_canvas):
    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 5000)
    component.tool_action.trigger()
    assert qgis_canvas.mapTool() is component.tool and component.tool_action.isChecked()
    click(qgis_canvas, inside)
    dock = component.dock
    assert dock is not None and dock.isVisible()
    first = dock.current()
    assert (first.entry.id, first.feature.id()) == ("interventi_pinqua", feature.id())
    text = dock.browser.toPlainText()
    for fact in (
        "CUP 4 - ID 103 Città Metr. di Milano",
        RHO_CUP,
        "PNRR M5C2 inv. 2.3 — PINQuA",
        "Rho",
        "lavori",
        "€ 1.140.669,50",
        "€ 0",
        "Importo cofinanziato",
    ):
        assert fact in text
    links = dict(anchors(dock.browser))
    assert (
        links["Pagina del progetto"]
        == "https://www.cittametropolitana.mi.it/welfare_metropolitano/progetti/PINQUA/index.html"
    )
    assert links["Scheda PDF"] == f"https://opencup.gov.it/progetto/-/cup/{RHO_CUP}"


def test_several_hits_are_listed_topmost_first_once_each_and_stepped_with_the_highlight(component, maps, qgis_canvas):
    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 5000)
    component.tool_action.trigger()
    click(qgis_canvas, inside)
    dock = component.dock
    found = [hit.entry.id for hit in dock.hits]
    assert dock.hits[0].key == ("interventi_pinqua", feature.id()) and found[-2:] == ["comuni", "zone_omogenee"]
    assert found.index("interventi_pinqua") < found.index("comuni")  # as drawn, topmost first
    keys = [hit.key for hit in dock.hits]
    assert len(keys) == len(set(keys))  # the Comuni are in both maps: one hit
    tree = [
        (
            dock.hitTree.topLevelItem(i).text(0),
            [dock.hitTree.topLevelItem(i).child(j).text(0) for j in range(dock.hitTree.topLevelItem(i).childCount())],
        )
        for i in range(dock.hitTree.topLevelItemCount())
    ]
    assert tree[0][0] == "PINQuA — Progetto CO4Regeneration (2021)"
    assert tree[0][1][0] == "CUP 4 - ID 103 Città Metr. di Milano"
    assert len(tree[0][1]) == found.count("interventi_pinqua")
    assert tree[-2:] == [("Comuni della Città metropolitana", ["Rho"]), ("Zone omogenee", ["Nord Ovest"])]
    assert sum(len(children) for _, children in tree) == len(found)  # one heading per layer, every hit under it
    assert dock.hitTree.isVisibleTo(dock) and dock.positionLabel.text() == f"1 di {len(found)}"
    [first_highlight] = highlights(qgis_canvas)
    assert first_highlight.isVisible()
    pixel = qgis_canvas.getCoordinateTransform().transform(inside)
    assert first_highlight.sceneBoundingRect().contains(pixel.x(), pixel.y())
    while dock.nextButton.isEnabled():
        QTest.mouseClick(dock.nextButton, Qt.MouseButton.LeftButton)
    assert dock.current().entry.id == "zone_omogenee" and "Nord Ovest" in dock.browser.toPlainText()
    assert "Cornaredo" in dock.browser.toPlainText()  # a Comune of the zona
    [zone_highlight] = highlights(qgis_canvas)
    assert zone_highlight is not first_highlight
    assert zone_highlight.sceneBoundingRect().contains(first_highlight.sceneBoundingRect())
    dock.hitTree.scrollToItem(dock.items[0])  # the tree followed the arrows down: scroll back up, click
    first = dock.hitTree.visualItemRect(dock.items[0]).center()
    QTest.mouseClick(dock.hitTree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    assert dock.current() is dock.hits[0] and "€ 1.140.669,50" in dock.browser.toPlainText()
    component.dock_action.trigger()  # closing the dock clears the map; opening it again shows the feature again
    assert not dock.isVisible() and highlights(qgis_canvas) == []
    component.dock_action.trigger()
    assert dock.isVisible() and len(highlights(qgis_canvas)) == 1


def test_beyond_its_scale_threshold_an_intervento_is_not_hit(component, maps, qgis_canvas):
    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 1_000_000)  # interventi show from 1:500.000 (realizzazioni) inwards
    component.tool_action.trigger()
    click(qgis_canvas, inside)
    found = [hit.entry.id for hit in component.dock.hits]
    assert "interventi_pinqua" not in found and "comuni" in found


def test_the_zona_filter_takes_its_features_out_of_the_infobox(component, maps, qgis_canvas, demo_pack):
    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 5000)
    component.tool_action.trigger()
    click(qgis_canvas, inside)
    assert component.dock.hits[0].entry.id == "interventi_pinqua"
    scope = resolve_scope(demo_pack, ["Sud Est"])  # Rho is in Nord Ovest
    apply_scope(maps, scope, demo_pack)
    component.session.scope_changed.emit(scope)  # as the Zone omogenee dock tells the others
    assert "interventi_pinqua" not in [hit.entry.id for hit in component.dock.hits]
    assert [hit.entry.id for hit in component.dock.hits][-2:] == ["comuni", "zone_omogenee"]  # the frame stays
    click(qgis_canvas, inside)
    assert "interventi_pinqua" not in [hit.entry.id for hit in component.dock.hits]


def test_links_open_in_the_system_browser_when_clicked(component, maps, qgis_canvas, opened):
    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 5000)
    component.tool_action.trigger()
    click(qgis_canvas, inside)
    browser = component.dock.browser
    component.dock.resize(420, 700)
    QgsApplication.processEvents()
    before = browser.toHtml()
    cursor = browser.document().find("Scheda PDF")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2)
    spot = browser.cursorRect(cursor).center()
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    QgsApplication.processEvents()
    assert opened.urls == [f"https://opencup.gov.it/progetto/-/cup/{RHO_CUP}"]
    assert browser.toHtml() == before  # the browser itself never navigates
    component.dock.open_link(QUrl("javascript:alert(1)"))
    assert opened.urls == [f"https://opencup.gov.it/progetto/-/cup/{RHO_CUP}"]


def test_selecting_features_of_a_catalogue_layer_shows_them(component, maps):
    component.toggle_dock(True)
    layer = next(lyr for lyr in maps.mapLayers().values() if lyr.customProperty(ENTRY_PROPERTY) == "aree_remix")
    ids = sorted(f.id() for f in layer.getFeatures())[:3]
    layer.selectByIds(ids)
    assert [(h.entry.id, h.feature.id()) for h in component.dock.hits] == [("aree_remix", i) for i in ids]
    assert component.dock.browser.toPlainText().count(" ha") >= 1
    layer.removeSelection()  # clearing the selection leaves what is shown
    assert len(component.dock.hits) == 3


def search(locator, text):
    """The «RE.MIX» results of a search in the real QGIS locator (its filters run in threads)."""
    results = []

    def found(result):  # the signal's argument lives as long as the call: keep a copy
        if result.filter is not None and result.filter.name() == "remix":
            results.append(QgsLocatorResult(result))

    locator.foundResult.connect(found)
    locator.fetchResults(text, QgsLocatorContext())
    end = time.time() + 20
    while locator.isRunning() and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.005)
    QgsApplication.processEvents()
    locator.foundResult.disconnect(found)
    return results


def test_the_locator_finds_comuni_whatever_the_apostrophes_then_zooms_and_opens_the_infobox(
    component, maps, locator, qgis_canvas, demo_pack
):
    found = search(locator, "rmx cassina de pecchi")
    assert found and (found[0].displayString, found[0].group) == ("Cassina de' Pecchi", "Comuni")
    assert "Cassina de' Pecchi" in [r.displayString for r in found if r.group == "Stazioni"]
    assert [r.displayString for r in search(locator, "CASSINA DÈ PECCHÌ")][:1] == ["Cassina de' Pecchi"]  # no prefix
    component.filter.triggerResult(found[0])
    comune = datapack.open_table(demo_pack, "comuni")
    boundary = next(comune.getFeatures("\"pro_com_t\" = '015060'")).geometry().boundingBox()
    assert qgis_canvas.extent().contains(boundary)
    assert qgis_canvas.extent().width() < boundary.width() * 3 or qgis_canvas.extent().height() < boundary.height() * 3
    dock = component.dock
    assert dock.isVisible() and dock.current().entry.id == "comuni"
    assert "Cassina de' Pecchi" in dock.browser.toPlainText() and "Adda Martesana" in dock.browser.toPlainText()


def test_the_locator_finds_an_intervento_by_its_cup_and_follows_the_zona_filter(component, maps, locator, demo_pack):
    [result] = list(search(locator, f"rmx {RHO_CUP.lower()}"))
    assert (result.displayString, result.group) == ("CUP 4 - ID 103 Città Metr. di Milano", "Interventi")
    component.filter.triggerResult(result)
    assert component.dock.current().entry.id == "interventi_pinqua"
    assert "€ 1.140.669,50" in component.dock.browser.toPlainText()
    component.session.scope = resolve_scope(demo_pack, ["Sud Est"])
    assert search(locator, f"rmx {RHO_CUP}") == []
    assert [r.displayString for r in search(locator, "rmx rho") if r.group == "Comuni"] == ["Rho"]  # the frame stays
    component.session.scope = None
    assert len(search(locator, f"rmx {RHO_CUP}")) == 1


def test_a_search_result_opens_its_infobox_with_no_map_loaded(component, locator, qgis_canvas):
    [rho] = [r for r in search(locator, "rmx rho") if r.group == "Comuni"]
    component.filter.triggerResult(rho)
    hit = component.dock.current()
    assert hit.entry.id == "comuni" and hit.feature["comune"] == "Rho"
    assert QgsProject.instance().mapLayer(hit.layer.id()) is None  # read from the data pack
    assert "Nord Ovest" in component.dock.browser.toPlainText() and len(highlights(qgis_canvas)) == 1


def test_help_menu_opens_the_guide_and_the_sector_sites(plugin, opened):
    from remix_plugin.gui.help_component import HelpComponent

    part = HelpComponent(plugin)
    part.init_gui()
    menu = part.menu
    menu.aboutToShow.emit()
    titles = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert titles[0] == "Guida alla consultazione"
    addresses = [a.toolTip() for a in part.site_actions]
    for page in (
        "welfare_metropolitano/progetti/Bando_Periferie/index.html",
        "welfare_metropolitano/progetti/PNRR-Piani-Integrati/index.html",
        "welfare_metropolitano/progetti/PINQUA/index.html",
        "PNRR/Piani-Urbani-Integrati/Cambio/index.html",
        "PNRR/Piani-Urbani-Integrati/MICA/index.html",
        "PNRR/Piani-Urbani-Integrati/Spugna/index.html",
    ):
        assert f"https://www.cittametropolitana.mi.it/{page}" in addresses
    assert {e.reference for e in plugin.session.catalogue.entries} <= set(addresses)
    assert len(addresses) == len(set(addresses))
    menu.actions()[0].trigger()
    assert opened.urls[-1].startswith("file://") and opened.urls[-1].endswith("/resources/help/guida.html")
    part.site_actions[1].trigger()
    assert opened.urls[-1] == addresses[1]
    menu.aboutToShow.emit()  # filled once
    assert len(part.site_actions) == len(addresses)
    plugin.session.catalogue_changed.emit()  # a catalogue update may bring new reference pages
    assert part.site_actions == [] and len(menu.actions()) == 2
    part.unload()


def test_unload_takes_away_the_tool_the_dock_the_highlight_and_the_filter(component, maps, qgis_canvas, locator):
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    layer, feature, inside = pinqua_rho(maps)
    look_at(qgis_canvas, inside, 5000)
    component.tool_action.trigger()
    click(qgis_canvas, inside)
    assert [f.name() for f in locator.filters()] == ["remix"] and highlights(qgis_canvas)
    dock = component.dock
    component.unload()
    assert locator.filters() == [] and highlights(qgis_canvas) == []
    assert qgis_canvas.mapTool() is None or "Remix" not in type(qgis_canvas.mapTool()).__name__
    assert component.dock is None and component.tool is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sip.isdeleted(dock)
    layer.selectByIds([feature.id()])  # nothing follows the canvas any more
    QgsProject.instance().clear()
