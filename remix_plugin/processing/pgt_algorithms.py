"""Processing: «Verifica PGT» and «Crea pacchetto PGT» (same core as `pgt` in the CLI and the dialog)."""

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from remix_plugin.core.base.errors import RemixError


class _PgtAlgorithm(QgsProcessingAlgorithm):
    """Parameters and the check both algorithms share; `finish` writes what each one produces."""

    def initAlgorithm(self, config=None):
        from remix_plugin.core.pgt.themes import load_themes

        self.addParameter(QgsProcessingParameterString("COMUNE", "Comune (nome o codice ISTAT)"))
        for theme in load_themes().themes:
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    theme.id, theme.title, [QgsProcessing.TypeVectorPolygon], optional=True
                )
            )
        self.addParameter(
            QgsProcessingParameterFile(
                "MAPPING", "Corrispondenze dei campi (JSON, facoltativo)", extension="json", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "DATA", "Pacchetto dati (vuoto: quello delle impostazioni)", extension="gpkg", optional=True
            )
        )
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", "Cartella di destinazione"))

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.base.settings import Settings
        from remix_plugin.core.data import datapack
        from remix_plugin.core.pgt.check import SourceLayer, comune_from_pack
        from remix_plugin.core.pgt.package import verify
        from remix_plugin.core.pgt.themes import complete_mapping, load_themes, read_mapping_file

        try:
            themes = load_themes()
            pack = datapack.resolve_pack(self.parameterAsFile(parameters, "DATA", context) or None, Settings.load())
            comune = comune_from_pack(pack, self.parameterAsString(parameters, "COMUNE", context))
            sources = {}
            for theme in themes.themes:
                source = self.parameterAsSource(parameters, theme.id, context)
                if source is None:
                    continue
                layer = self.parameterAsLayer(parameters, theme.id, context)
                sources[theme.id] = SourceLayer(
                    source.sourceName(),
                    layer.publicSource() if layer else source.sourceName(),
                    source.fields(),
                    source.sourceCrs(),
                    source.wkbType(),
                    source,
                )
            mapping_file = self.parameterAsFile(parameters, "MAPPING", context)
            explicit = read_mapping_file(Path(mapping_file), themes) if mapping_file else {}
            mapping = complete_mapping(themes, {t: s.field_names() for t, s in sources.items()}, explicit)
            check, reading = verify(pack, comune, sources, mapping, themes, feedback=feedback)
            for problem in check.problems:
                (feedback.reportError if problem.severity == "errore" else feedback.pushInfo)(problem.message)
            out = Path(self.parameterAsString(parameters, "OUTPUT", context))
            results = self.finish(check, reading, out)
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        feedback.pushInfo(f"Esito: {check.outcome()}.")
        return {"OUTPUT": str(out), "ERRORI": check.count("errore"), **results}

    def finish(self, check, reading, out: Path) -> dict:
        raise NotImplementedError


class PgtCheckAlgorithm(_PgtAlgorithm):
    def name(self):
        return "pgt_check"

    def displayName(self):
        return "Verifica PGT"

    def shortHelpString(self):
        return (
            "Verifica gli strati del PGT di un Comune (Ambiti di Trasformazione, Piani Attuativi, Ambiti della "
            "rigenerazione, Aree dismesse) rispetto ai contenuti minimi attesi da CMM e scrive il rapporto CSV "
            "dei problemi e della lettura di coerenza con il catalogo RE.MIX."
        )

    def createInstance(self):
        return PgtCheckAlgorithm()

    def finish(self, check, reading, out: Path) -> dict:
        from remix_plugin.core.pgt.package import write_report

        return {"RAPPORTO": str(write_report(check, reading, out)[0])}


class PgtPackageAlgorithm(_PgtAlgorithm):
    def name(self):
        return "pgt_package"

    def displayName(self):
        return "Crea pacchetto PGT"

    def shortHelpString(self):
        return (
            "Crea il pacchetto PGT per CMM: un GeoPackage con gli strati verificati nello schema atteso e i loro "
            "stili, il rapporto in PDF e CSV e un manifest con le impronte SHA-256. I file del tecnico non "
            "vengono modificati."
        )

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading  # the PDF uses print layouts

    def createInstance(self):
        return PgtPackageAlgorithm()

    def finish(self, check, reading, out: Path) -> dict:
        from remix_plugin.core.pgt.package import create_package

        return {"PACCHETTO": str(create_package(check, reading, out))}
