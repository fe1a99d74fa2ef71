"""Print layouts from `.qpt` templates, and their export: what every printed page of the plugin shares
(map prints, the Scheda comunale atlas, the sheet of a segnalazione, the PGT report).

A template is data that CMM staff edit in QGIS's layout designer, which stores picture paths as
absolute paths of the machine it was saved on. So pictures are found again at load time, wherever
the plugin is installed: a picture named like a file of `resources/icons/` (the CMM logo, the RE.MIX
mark) is that file; otherwise the stored path, the template's own folder or QGIS's SVG library. A
picture found nowhere is an error naming the file, never a page with a missing-picture placeholder.

Exports are atomic: the file is written under a hidden temporary name beside the target and renamed
at the end, so a failed or cancelled export leaves no partial file under the name a user would open.
"""

import os
from pathlib import Path
from typing import Dict

from qgis.core import (
    Qgis,
    QgsBasicNumericFormat,
    QgsLayoutExporter,
    QgsLayoutItemPicture,
    QgsLayoutItemRegistry,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsSymbolLayerUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from remix_plugin.core.base import paths, staging
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import parse_xml

FORMATS = (".pdf", ".png")
DPI = 300  # of every export; print_legend tests scale ranges at the scale the map is drawn with at this resolution
_RESULTS = {
    QgsLayoutExporter.Canceled: "esportazione annullata",
    QgsLayoutExporter.MemoryError: "memoria insufficiente per la pagina",
    QgsLayoutExporter.FileError: "file non scrivibile",
    QgsLayoutExporter.PrintError: "errore di stampa",
    QgsLayoutExporter.SvgLayerError: "errore nei livelli SVG",
    QgsLayoutExporter.IteratorError: "errore nelle pagine dell'atlante",
}


# --- templates ---------------------------------------------------------------------------------


def read_template(path: Path, bind: Dict[str, QgsVectorLayer] = None) -> QDomDocument:
    """The template's XML with its pictures found for this installation (see the module's note) and
    the attribute tables named in `bind` ({table layer name: QgsVectorLayer}) pointing at those layers."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RemixError(f"Modello di stampa «{path.name}» non leggibile: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:  # QGIS writes templates in UTF-8: this one was edited elsewhere
        line = exc.object[: exc.start].count(b"\n") + 1
        raise RemixError(
            f"Modello di stampa «{path.name}» non valido: non è in UTF-8 (riga {line}); salvarlo di nuovo dal "
            "compositore di stampe di QGIS."
        ) from exc
    document = QDomDocument()
    problem = parse_xml(document, text)
    if problem:
        raise RemixError(f"Modello di stampa «{path.name}» non valido (XML: {problem}).")
    for element in _elements(document, "LayoutItem"):
        if element.attribute("type") == str(QgsLayoutItemRegistry.LayoutPicture) and element.attribute("file"):
            element.setAttribute("file", _picture(element.attribute("file"), path))
    for element in _elements(document, "LayoutMultiFrame"):
        layer = (bind or {}).get(element.attribute("vectorLayerName"))
        if layer is not None:  # a table of a layer made for this print: its id changes every time
            element.setAttribute("vectorLayer", layer.id())
            element.setAttribute("vectorLayerSource", layer.source())
            element.setAttribute("vectorLayerProvider", layer.providerType())
    return document


def _elements(document: QDomDocument, tag: str):
    nodes = document.elementsByTagName(tag)
    return [nodes.at(i).toElement() for i in range(nodes.count())]


def _picture(stored: str, template: Path) -> str:
    """Where a picture of the template is in this installation (RemixError naming it when nowhere)."""
    name = stored.replace("\\", "/").rsplit("/", 1)[-1]
    shipped = paths.ICONS / name
    if shipped.is_file():
        return str(shipped)
    if Path(stored).is_absolute() and Path(stored).is_file():
        return stored
    for candidate in (template.parent / stored, template.parent / name):
        if candidate.is_file():
            return str(candidate)
    library = QgsSymbolLayerUtils.svgSymbolNameToPath(stored, QgsPathResolver())
    if library and Path(library).is_file():
        return stored
    raise RemixError(
        f"Modello di stampa «{template.name}»: immagine «{stored}» non trovata (cercata anche in "
        f"«{paths.ICONS}» e nella cartella del modello)."
    )


def load_template(path: Path, project, bind: Dict[str, QgsVectorLayer] = None) -> QgsPrintLayout:
    """A print layout of `project` from a template file; its pictures all found and drawable."""
    path = Path(path)
    layout = QgsPrintLayout(project)
    _, ok = layout.loadFromTemplate(read_template(path, bind), QgsReadWriteContext())
    if not ok:
        raise RemixError(f"Modello di stampa «{path.name}» non valido: QGIS non riesce a leggerlo.")
    layout.setCustomProperty("remix/template", path.stem)
    for picture in (i for i in layout.items() if isinstance(i, QgsLayoutItemPicture)):
        if picture.picturePath() and picture.isMissingImage():
            raise RemixError(f"Modello di stampa «{path.name}»: immagine «{picture.picturePath()}» non leggibile.")
    return layout


def item(layout: QgsPrintLayout, item_id: str, kind):
    """The layout's item with that id, of that kind; RemixError naming the template when missing."""
    found = layout.itemById(item_id)
    if not isinstance(found, kind):
        name = layout.customProperty("remix/template", "") or layout.name()
        raise RemixError(f"Modello di stampa «{name}»: manca l'elemento «{item_id}» ({kind.__name__}).")
    return found


def italian_format(decimals: int = 0) -> QgsBasicNumericFormat:
    """Numbers as Italian readers write them (1.234,5), for scale bars."""
    number = QgsBasicNumericFormat()
    number.setThousandsSeparator(".")
    number.setDecimalSeparator(",")
    number.setNumberDecimalPlaces(decimals)
    number.setShowTrailingZeros(False)
    return number


# --- export ------------------------------------------------------------------------------------


def target(out, formats=FORMATS) -> Path:
    """The file to write, checked before any work: a known format, a folder that exists (or can be made)
    and can be written to."""
    out = Path(out).expanduser()
    if out.suffix.lower() not in formats:
        raise RemixError(
            f"File «{out.name}»: il formato deve essere {' o '.join(f.lstrip('.').upper() for f in formats)} "
            f"(estensione {' o '.join(formats)})."
        )
    if out.is_dir():
        raise RemixError(f"«{out}» è una cartella: indicare il nome del file da scrivere.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RemixError(
            f"Impossibile scrivere «{out}»: la cartella «{out.parent}» non si può creare " f"({exc.strerror or exc})."
        ) from exc
    if not os.access(out.parent, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise RemixError(f"Impossibile scrivere «{out}»: cartella o file non scrivibile.")
    return out


def export(layout: QgsPrintLayout, out, dpi: int = DPI) -> Path:
    """The layout as a PDF (vector, text kept as text) or, for `.png`, an image of its first page."""
    out = target(out)
    exporter = QgsLayoutExporter(layout)
    if out.suffix.lower() == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # searchable, copyable text
        settings.dpi = dpi
        return _atomic(out, lambda partial: (exporter.exportToPdf(str(partial), settings), ""))
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.pages = [0]
    return _atomic(out, lambda partial: (exporter.exportToImage(str(partial), settings), ""))


def export_atlas_pdf(layout: QgsPrintLayout, out, feedback=None, dpi: int = DPI) -> Path:
    """Every page of the layout's atlas in one PDF."""
    out = target(out, (".pdf",))
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.rasterizeWholeImage = False
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
    settings.dpi = dpi
    return _atomic(out, lambda partial: QgsLayoutExporter.exportToPdf(layout.atlas(), str(partial), settings, feedback))


def _atomic(out: Path, write) -> Path:
    """`write(partial_path) -> (result, error)`, then the partial file takes the final name."""
    partial = staging.partial_file(out)
    try:
        result, error = write(partial)
        if result != QgsLayoutExporter.Success or not partial.is_file():
            reason = _RESULTS.get(result, f"errore {result}")
            raise RemixError(f"Impossibile scrivere «{out.name}»: {reason}" + (f" ({error})." if error else "."))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out
