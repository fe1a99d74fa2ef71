"""Processing: the CMM print layouts (same core as the «Stampa» dialog and `print` / `atlas` in the CLI).

Each run builds a project of its own from the data pack, so it runs in Processing's background thread
without touching the user's project.
"""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.model import bundled_maps, map_ids
from remix_plugin.processing.indicator_algorithm import _names


class _PrintAlgorithm(QgsProcessingAlgorithm):
    def group(self):
        return "Stampa"

    def groupId(self):
        return "stampa"

    def flags(self):  # print layouts are made and exported on the main thread (QGIS 3.40 aborts otherwise)
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def add_area_parameters(self):
        self.addParameter(
            QgsProcessingParameterFile("DATA", "Pacchetto dati (vuoto: dimostrativo)", extension="gpkg", optional=True)
        )
        self.addParameter(QgsProcessingParameterString("ZONA", "Zone omogenee (separate da ;)", optional=True))
        self.addParameter(
            QgsProcessingParameterString("COMUNI", "Comuni (nomi o codici ISTAT, separati da ;)", optional=True)
        )

    def pack_and_scope(self, parameters, context):
        from remix_plugin.core.base.settings import Settings
        from remix_plugin.core.data import datapack
        from remix_plugin.core.scope.model import resolve_scope

        pack = datapack.resolve_pack(self.parameterAsFile(parameters, "DATA", context) or None, Settings.load())
        scope = resolve_scope(
            pack,
            _names(self.parameterAsString(parameters, "ZONA", context)),
            _names(self.parameterAsString(parameters, "COMUNI", context)),
        )
        return pack, scope


class PrintMapAlgorithm(_PrintAlgorithm):
    def name(self):
        return "print_map"

    def displayName(self):
        return "Stampa una mappa RE.MIX"

    def shortHelpString(self):
        return (
            "Stampa la Mappa delle Opportunità o delle Realizzazioni con un layout CMM (PDF o PNG): titolo, "
            "legenda di ciò che la mappa mostra, scala, nord, loghi, fonti con le date di aggiornamento, data di "
            "stampa e avviso per i dati dimostrativi. Con Zone omogenee o Comuni la mappa è filtrata e inquadrata "
            "su di essi."
        )

    def createInstance(self):
        return PrintMapAlgorithm()

    def initAlgorithm(self, config=None):
        from remix_plugin.core.printing.export import templates

        self.layouts = [t.name for t in templates(kind="mappa")]
        self.addParameter(QgsProcessingParameterEnum("MAP", "Mappa", [title for _, title in bundled_maps()]))
        self.addParameter(QgsProcessingParameterEnum("LAYOUT", "Modello di stampa", self.layouts, defaultValue=0))
        self.addParameter(QgsProcessingParameterString("TITLE", "Titolo (vuoto: il nome della mappa)", optional=True))
        self.add_area_parameters()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "File", "PDF (*.pdf);;PNG (*.png)"))

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.printing.export import print_portal_map

        try:
            pack, scope = self.pack_and_scope(parameters, context)
            written, problems = print_portal_map(
                map_ids()[self.parameterAsEnum(parameters, "MAP", context)],
                self.layouts[self.parameterAsEnum(parameters, "LAYOUT", context)],
                self.parameterAsFileOutput(parameters, "OUTPUT", context),
                pack,
                scope,
                self.parameterAsString(parameters, "TITLE", context),
            )
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        for problem in problems:
            feedback.pushWarning(problem)
        return {"OUTPUT": str(written)}


class AtlasAlgorithm(_PrintAlgorithm):
    def name(self):
        return "atlas"

    def displayName(self):
        return "Schede comunali RE.MIX (atlante)"

    def shortHelpString(self):
        return (
            "Un PDF con una pagina per Comune delle Zone omogenee o dei Comuni indicati (tutti i 133 se vuoti): "
            "la mappa del Comune con le aree di opportunità e gli interventi, i due indicatori di sintesi con la "
            "classe e la tabella degli interventi (CUP, titolo, bando, importo finanziato)."
        )

    def createInstance(self):
        return AtlasAlgorithm()

    def initAlgorithm(self, config=None):
        self.add_area_parameters()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "PDF", "PDF (*.pdf)"))

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.printing.atlas import print_atlas

        try:
            pack, scope = self.pack_and_scope(parameters, context)
            written, problems = print_atlas(
                pack, scope, self.parameterAsFileOutput(parameters, "OUTPUT", context), feedback=feedback
            )
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        for problem in problems:
            feedback.pushWarning(problem)
        return {"OUTPUT": str(written)}
