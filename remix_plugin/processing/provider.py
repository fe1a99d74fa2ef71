"""The "RE.MIX" Processing provider. Each algorithm is a thin face over a core function."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from remix_plugin.__about__ import __version__
from remix_plugin.core.base.paths import icon


class RemixProvider(QgsProcessingProvider):
    def loadAlgorithms(self):
        from remix_plugin.processing.indicator_algorithm import IndicatorAlgorithm
        from remix_plugin.processing.offline_algorithm import OfflineAlgorithm
        from remix_plugin.processing.pgt_algorithms import PgtCheckAlgorithm, PgtPackageAlgorithm
        from remix_plugin.processing.print_algorithms import AtlasAlgorithm, PrintMapAlgorithm
        from remix_plugin.processing.project_algorithm import ProjectAlgorithm

        for algorithm in (
            ProjectAlgorithm(),
            PgtCheckAlgorithm(),
            PgtPackageAlgorithm(),
            IndicatorAlgorithm("superficie"),
            IndicatorAlgorithm("finanziamento"),
            OfflineAlgorithm(),
            PrintMapAlgorithm(),
            AtlasAlgorithm(),
        ):
            self.addAlgorithm(algorithm)

    def id(self):
        return "remix"

    def name(self):
        return "RE.MIX"

    def longName(self):
        return f"RE.MIX — Città metropolitana di Milano ({__version__})"

    def icon(self):
        return QIcon(icon("remix.svg"))
