"""Processing: «Prepara pacchetto offline» (same core as `offline` in the CLI and the dialog)."""

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.catalogue.model import bundled_maps, map_ids


class OfflineAlgorithm(QgsProcessingAlgorithm):
    def name(self):
        return "offline_package"

    def displayName(self):
        return "Prepara pacchetto offline"

    def shortHelpString(self):
        return (
            "Scrive una cartella per i tablet di campo: un progetto QGIS con percorsi relativi, un GeoPackage con "
            "gli strati del catalogo ritagliati sulla Zona omogenea o sui Comuni scelti (stili CMM inclusi), "
            "l'archivio delle segnalazioni, la mappa di base indicata, i modelli delle schede e dei layout di "
            "stampa e un manifest con le impronte SHA-256. Prima verifica che cosa non può andare offline e "
            "la dimensione stimata: con questioni aperte il pacchetto si scrive solo con «Procedi comunque»."
        )

    def createInstance(self):
        return OfflineAlgorithm()

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString("ZONE", "Zone omogenee (separate da ;)", optional=True))
        self.addParameter(
            QgsProcessingParameterString("COMUNI", "Comuni, per nome o codice ISTAT (separati da ;)", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "MAPS",
                "Mappe",
                [title for _, title in bundled_maps()],
                allowMultiple=True,
                defaultValue=[0, 1],
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "BASEMAP",
                "Mappa di base (GeoTIFF o MBTiles, facoltativa)",
                optional=True,
                fileFilter="GeoTIFF, MBTiles (*.tif *.tiff *.mbtiles)",
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "LIMIT_MB",
                "Dimensione massima senza conferma (MB)",
                QgsProcessingParameterNumber.Integer,
                2048,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CENTRAL",
                "Precompila le segnalazioni dall'archivio centrale " "(connessione PostgreSQL; vuoto: archivio vuoto)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "FORCE", "Procedi comunque se la verifica segnala questioni", defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "DATA", "Pacchetto dati (vuoto: quello delle impostazioni)", extension="gpkg", optional=True
            )
        )
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", "Cartella in cui creare il pacchetto"))

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.catalogue.maps import make_context
        from remix_plugin.core.offline import package
        from remix_plugin.core.scope.model import resolve_scope

        def names(key):
            return [n.strip() for n in self.parameterAsString(parameters, key, context).split(";") if n.strip()]

        try:
            ctx = make_context(pack=self.parameterAsFile(parameters, "DATA", context) or None)
            basemap = self.parameterAsFile(parameters, "BASEMAP", context)
            request = package.OfflineRequest(
                out_dir=Path(self.parameterAsString(parameters, "OUTPUT", context)),
                maps=tuple(map_ids()[i] for i in self.parameterAsEnums(parameters, "MAPS", context)),
                scope=resolve_scope(ctx.pack, names("ZONE"), names("COMUNI")),
                basemap=Path(basemap) if basemap else None,
                limit_mb=self.parameterAsInt(parameters, "LIMIT_MB", context),
                central=self.parameterAsString(parameters, "CENTRAL", context).strip(),
            )
            plan, folder = package.prepare(
                request, ctx, feedback, accept=self.parameterAsBool(parameters, "FORCE", context)
            )
            for issue in plan.issues:
                feedback.reportError(issue)
            for note in plan.notes:
                feedback.pushInfo(note)
            if folder is None:
                raise RemixError(
                    "Pacchetto offline non scritto: rivedere le questioni segnalate, o scegliere " "«Procedi comunque»."
                )
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        feedback.pushInfo(f"Pacchetto scritto: {folder}")
        return {"OUTPUT": str(folder)}
