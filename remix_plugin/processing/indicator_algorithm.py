"""Processing: the two synthesis indicators per Comune (same core as the dock and `indicators` in the CLI).

One algorithm per indicator, so each can feed a model on its own: a point per Comune with its
figures and class, styled by the computed classes when loaded, and optionally the CSV with its
companion JSON (method, breaks) and trace CSV.
"""

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import WkbType
from remix_plugin.core.indicators.classification import MAX_CLASSES, METHODS, MIN_CLASSES
from remix_plugin.core.indicators.synthesis import INDICATORS, NORMALISATIONS

_post_processors = []  # Processing keeps only a pointer to them: they must outlive the algorithm run


class IndicatorAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, which: str):
        super().__init__()
        self.which = which

    def name(self):
        return INDICATORS[self.which].entry_id

    def displayName(self):
        return f"Indicatore: {INDICATORS[self.which].short.lower()} per Comune"

    def group(self):
        return "Indicatori di sintesi"

    def groupId(self):
        return "indicatori"

    def shortHelpString(self):
        from remix_plugin.core.indicators.synthesis import rule

        return (
            f"{INDICATORS[self.which].title}: un punto per Comune con il valore e la classe (da «molto basso» a "
            f"«molto alto»; «nessuno» se il valore è 0).\n\n{rule(self.which)}\n\nZone omogenee e Comuni si "
            "indicano per nome o codice ISTAT, separati da «;». Il CSV facoltativo è accompagnato da un JSON con "
            "metodo e limiti delle classi e da un CSV di tracciabilità."
        )

    def createInstance(self):
        return IndicatorAlgorithm(self.which)

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile("DATA", "Pacchetto dati (vuoto: dimostrativo)", extension="gpkg", optional=True)
        )
        self.addParameter(QgsProcessingParameterString("ZONA", "Zone omogenee (separate da ;)", optional=True))
        self.addParameter(
            QgsProcessingParameterString("COMUNI", "Comuni (nomi o codici ISTAT, separati da ;)", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "METHOD", "Metodo delle classi", [label for label, _ in METHODS.values()], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "CLASSES",
                "Numero di classi",
                QgsProcessingParameterNumber.Integer,
                5,
                minValue=MIN_CLASSES,
                maxValue=MAX_CLASSES,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum("NORMALISE", "Normalizzazione", list(NORMALISATIONS.values()), defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink("OUTPUT", INDICATORS[self.which].title, QgsProcessing.TypeVectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "CSV", "Tabella CSV", "CSV (*.csv)", optional=True, createByDefault=False
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        from remix_plugin.core.base.settings import Settings
        from remix_plugin.core.data import datapack
        from remix_plugin.core.indicators.files import write_outputs
        from remix_plugin.core.indicators.synthesis import compute, legend_data, result_fields, to_layer
        from remix_plugin.core.scope.model import resolve_scope

        try:
            pack = datapack.resolve_pack(self.parameterAsFile(parameters, "DATA", context) or None, Settings.load())
            scope = resolve_scope(
                pack,
                _names(self.parameterAsString(parameters, "ZONA", context)),
                _names(self.parameterAsString(parameters, "COMUNI", context)),
            )
            result = compute(
                self.which,
                pack,
                scope,
                list(METHODS)[self.parameterAsEnum(parameters, "METHOD", context)],
                self.parameterAsInt(parameters, "CLASSES", context),
                list(NORMALISATIONS)[self.parameterAsEnum(parameters, "NORMALISE", context)],
                feedback,
            )
            csv_path = self.parameterAsFileOutput(parameters, "CSV", context)
            written = write_outputs([result], csv_path) if csv_path else []
        except RemixError as exc:
            raise QgsProcessingException(exc.message) from exc
        for problem in result.measurement.problems:
            feedback.pushWarning(problem)
        sink, dest_id = self.parameterAsSink(
            parameters,
            "OUTPUT",
            context,
            result_fields(result),
            WkbType.Point,
            QgsCoordinateReferenceSystem(datapack.CRS),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for feature in to_layer(result).getFeatures():
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        if context.willLoadLayerOnCompletion(dest_id):
            processor = _Styler(legend_data(result))
            _post_processors.append(processor)
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)
        feedback.pushInfo(
            f"{len(result.figures)} Comuni; classi ({result.classes.method}): " f"{json.dumps(result.classes.breaks)}"
        )
        return {"OUTPUT": dest_id, "CSV": str(written[0]) if written else None}


class _Styler(QgsProcessingLayerPostProcessorInterface):
    """Gives the loaded output the indicator's CMM style, following the computed classes."""

    def __init__(self, legend: dict):
        super().__init__()
        self.legend = legend

    def postProcessLayer(self, layer, context, feedback):
        from remix_plugin.core.indicators.synthesis import apply_style

        apply_style(layer, self.legend)
        if self in _post_processors:
            _post_processors.remove(self)


def _names(text: str):
    return [name.strip() for name in (text or "").split(";") if name.strip()]
