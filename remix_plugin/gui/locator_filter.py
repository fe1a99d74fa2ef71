"""The «RE.MIX» filter of QGIS's locator bar (Ctrl+K; prefix «rmx»): Comuni, Zone omogenee, interventi,
opportunity areas and stations of the data pack in use (`core.places`).

QGIS clones the filter for every search, calls `prepare()` on the clone in the main thread and then
`fetchResults()` in a thread of its own. So the index is built (or found up to date) in `prepare()`,
and the thread only reads that immutable snapshot. Choosing a result calls back on the main thread.
The core modules are imported on the first search, so QGIS's start-up does not pay for them.
"""

from qgis.core import QgsLocatorFilter, QgsLocatorResult, QgsProject

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.i18n import tr
from remix_plugin.core.base.qgis_compat import locator_user_data
from remix_plugin.core.data import datapack

PREFIX = "rmx"  # QGIS ignores plugin prefixes shorter than three characters


class PlaceIndex:
    """The index shared by the filter and its clones: rebuilt when the pack file, the Zona/Comuni filter
    or the catalogue changed since it was built. Main thread only."""

    def __init__(self, session):
        self.session = session
        self.current = None

    def prepared(self):
        """The up-to-date index (None, and a line in the log, when the pack cannot be read)."""
        from remix_plugin.core.infobox.places import build_places, index_key

        try:
            pack = datapack.project_pack(QgsProject.instance())
            catalogue = self.session.catalogue
            if self.current is None or self.current.key != index_key(pack, self.session.scope, catalogue):
                self.current = build_places(pack, catalogue, self.session.scope)
        except RemixError as exc:
            log.warning(exc.message)
            return None
        return self.current


class RemixLocatorFilter(QgsLocatorFilter):
    def __init__(self, index: PlaceIndex, chosen):
        super().__init__()
        self.index = index
        self.chosen = chosen  # (entry id, fid, (xmin, ymin, xmax, ymax) in EPSG:32632) -> None
        self.places = None

    def clone(self):
        return RemixLocatorFilter(self.index, self.chosen)

    def name(self):
        return "remix"

    def displayName(self):
        return "RE.MIX"

    def description(self):
        return tr("Comuni, Zone omogenee, interventi, aree di opportunità e stazioni del pacchetto dati RE.MIX")

    def prefix(self):
        return PREFIX

    def prepare(self, string, context):
        self.places = self.index.prepared()
        return []

    def fetchResults(self, string, context, feedback):
        places = self.places
        if places is None:
            return
        found = places.search(string)
        for number, place in enumerate(found):
            if feedback.isCanceled():
                return
            result = QgsLocatorResult(self, place.label, [place.entry, place.fid, *place.extent])
            result.description = place.detail
            result.group = places.groups[place.group]
            result.score = 1.0 - number / (len(found) + 1)
            self.resultFetched.emit(result)

    def triggerResult(self, result):
        entry, fid, *extent = locator_user_data(result)
        self.chosen(str(entry), int(fid), tuple(float(v) for v in extent))
