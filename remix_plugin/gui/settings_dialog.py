"""Settings dialog over core.settings.Settings. Credentials are chosen as authcfg ids, never typed here."""

from pathlib import Path

from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication, QDialog, QMessageBox

from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.settings import Settings, system_user_name

FORM, _ = uic.loadUiType(str(Path(__file__).with_suffix(".ui")))


class SettingsDialog(QDialog, FORM):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.settings = Settings.load()
        self.catalogue_changed = False
        self.catalogueAuth = QgsAuthConfigSelect(self)
        self.catalogueAuthPlaceholder.addWidget(self.catalogueAuth)
        self.servicesAuth = QgsAuthConfigSelect(self)
        self.servicesAuthPlaceholder.addWidget(self.servicesAuth)
        self.dataPackWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.sourceModeCombo.addItem(tr("Pacchetto dati, poi servizi in rete"), "pack")
        self.sourceModeCombo.addItem(tr("Servizi in rete, poi pacchetto dati"), "remote")
        s = self.settings
        self.catalogueUrlEdit.setText(s.catalogue_url)
        self.catalogueAuth.setConfigId(s.catalogue_authcfg)
        self.servicesAuth.setConfigId(s.services_authcfg)
        self.dataPackWidget.setFilePath(s.data_pack)
        self.sourceModeCombo.setCurrentIndex(max(0, self.sourceModeCombo.findData(s.source_mode)))
        self.timeoutSpin.setValue(max(1, s.network_timeout_ms // 1000))
        self.authorEdit.setText(s.segnalazioni_author)
        self.authorEdit.setPlaceholderText(system_user_name())  # what an emptied field files under
        self.centralSetupButton.clicked.connect(self.set_up_central)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)

    def set_up_central(self):
        """A CMM administrator's `segnalazioni central-setup`, on the central store chosen in the Segnalazioni dock."""
        from remix_plugin.core.base.errors import RemixError
        from remix_plugin.core.segnalazioni.central_setup import central_setup

        spec = self.settings.segnalazioni_central
        if not spec:
            return QMessageBox.warning(
                self, tr("Archivio centrale"), tr("Scegliere prima l'archivio centrale nel pannello Segnalazioni.")
            )
        asked = QMessageBox.question(
            self,
            tr("Archivio centrale"),
            tr(
                "Predisporre o aggiornare l'archivio centrale delle segnalazioni (schema, ruoli, permessi, regole per "
                "riga)? Le segnalazioni presenti sono conservate. Serve un ruolo amministratore del database."
            ),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            text, ok = central_setup(spec).summary(), True
        except RemixError as exc:
            text, ok = exc.message, False
        finally:
            QApplication.restoreOverrideCursor()
        show = QMessageBox.information if ok else QMessageBox.warning
        return show(self, tr("Archivio centrale"), text)

    def accept(self):
        s = self.settings
        url = self.catalogueUrlEdit.text().strip()
        self.catalogue_changed = url != s.catalogue_url or self.catalogueAuth.configId() != s.catalogue_authcfg
        s.catalogue_url = url
        s.catalogue_authcfg = self.catalogueAuth.configId()
        s.services_authcfg = self.servicesAuth.configId()
        s.data_pack = self.dataPackWidget.filePath()
        s.source_mode = self.sourceModeCombo.currentData()
        s.network_timeout_ms = self.timeoutSpin.value() * 1000
        s.segnalazioni_author = self.authorEdit.text().strip()
        s.save()
        super().accept()
