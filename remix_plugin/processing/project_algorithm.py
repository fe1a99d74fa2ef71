"""Processing: write a QGIS project with one of the portal's maps (same code as `project` in the CLI)."""

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProject,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.model import bundled_maps, map_ids


class ProjectAlgorithm(QgsProcessingAlgorithm):
    def name(self):
        return "map_project"

    def displayName(self):
        return "Crea progetto di una mappa RE.MIX"

    def shortHelpString(self):
        return (
            "Scrive un progetto QGIS con la Mappa delle Opportunità o delle Realizzazioni caricata come "
            "nel plugin: gruppi, stili CMM e soglie di scala del portale."
        )

    def createInstance(self):
        return ProjectAlgorithm()

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterEnum("MAP", "Mappa", [title for _, title in bundled_maps()]))
        self.addParameter(
            QgsProcessingParameterFile("DATA", "Pacchetto dati (vuoto: dimostrativo)", extension="gpkg", optional=True)
        )
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "Progetto", "Progetto QGIS (*.qgz)"))

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.catalogue.maps import load_map, make_context

        map_id = map_ids()[self.parameterAsEnum(parameters, "MAP", context)]
        out = Path(self.parameterAsFileOutput(parameters, "OUTPUT", context))
        try:
            ctx = make_context(
                pack=self.parameterAsFile(parameters, "DATA", context) or None,
                derived_store=out.with_name(out.stem + "_derivati.gpkg"),
            )
            project = QgsProject()
            report = load_map(project, map_id, ctx)
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        for problem in ctx.problems:
            feedback.reportError(problem)
        if not project.write(str(out)):
            raise QgsProcessingException(f"Impossibile scrivere il progetto «{out}».")
        feedback.pushInfo(f"{len(report.added)} strati caricati.")
        return {"OUTPUT": str(out)}
