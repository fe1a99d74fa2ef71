"""«Nuova segnalazione», first step: tipo and natura, which decide whether an area or a point is drawn; the
autore it will be filed under (from the profile, not typed) is shown before anything is drawn."""

from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.segnalazioni.layers import author
from remix_plugin.core.segnalazioni.schema import load_taxonomy

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class NewSegnalazioneDialog(QDialog, FORM):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.taxonomy = load_taxonomy()
        for list_name, combo in (("tipo", self.tipoCombo), ("natura", self.naturaCombo)):
            for code, label in self.taxonomy.lists[list_name]:
                combo.addItem(label, code)
        self.authorValue.setText(author())
        self.naturaCombo.currentIndexChanged.connect(self.explain)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.explain()

    @property
    def tipo(self) -> str:
        return self.tipoCombo.currentData()

    @property
    def natura(self) -> str:
        return self.naturaCombo.currentData()

    def explain(self):
        table = self.taxonomy.layer_for(self.natura)
        if self.taxonomy.layers[table].geometry == "point":
            text = tr("Fare clic sulla mappa nel punto della segnalazione.")
        else:
            text = tr(
                "Disegnare il perimetro sulla mappa: clic sinistro per ogni vertice, clic destro per chiudere. "
                "I vertici si agganciano agli strati del catalogo."
            )
        self.hintLabel.setText(text + " " + tr("Poi si apre la scheda da compilare."))
