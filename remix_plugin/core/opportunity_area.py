"""Indicator 1, "Superficie delle aree di interesse per la rigenerazione": per Comune, the area of
the union of the opportunity areas, clipped by the Comune's boundary.

Why not union everything and intersect with the Comuni (the Processing chain)? GEOS's cascaded
union of many thousands of polygons costs far more than reading them, and most areas overlap
nothing. Here each area goes to its Comune through a raster of the Comuni (no geometry test for
areas well inside one), only areas crossing a boundary are cut, and inside each Comune the areas
are grouped by overlapping bounding boxes: a lone area adds its own area, and only groups that
may overlap are unioned, each on its own. The result is the same area, at near-linear cost.
"""
from array import array
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer, QgsWkbTypes

from remix_plugin.core.comuni_index import Comuni, transformed_request
from remix_plugin.core.errors import RemixError

BUILT_UP = "lower(trim(\"stato_suolo\")) <> 'libero'"
UNKNOWN_STATE = "\"stato_suolo\" IS NULL OR trim(\"stato_suolo\") = ''"
# the opportunity tables of DESIGN §4, each with the filter that selects what counts
SOURCES: Tuple[Tuple[str, Optional[str]], ...] = (
    ("aree_remix", None),
    ("ambiti_rigenerazione_8bis_40bis", None),
    ("offerta_at_2020", BUILT_UP),
    ("offerta_pa_2020", BUILT_UP),
    ("aree_rigenerazione_pgt", None),
)
RULE = ("Superficie dell'unione delle aree di interesse (Aree Remix, ambiti ex art. 8bis e 40bis, Ambiti di "
        "Trasformazione e Piani Attuativi 2020 con stato del suolo diverso da «libero», aree della rigenerazione della "
        "Tavola delle previsioni di PGT), ritagliata dal confine di ciascun Comune: le sovrapposizioni tra banche dati "
        "contano una volta sola e un'area a cavallo di un confine è divisa tra i Comuni. Aree planimetriche in "
        "EPSG:32632. Le aree dismesse 2010 non sono comprese (§4 del documento di progetto).")
TABLE_BITS = 4  # a piece's key packs its fid and the index of its table: fid << 4 | table
PROGRESS_EVERY = 2048
GRID_FROM = 25000  # areas from which rasterising the Comuni pays for itself
READ_BATCH = 50000  # areas of overlap groups read again and held at once


@dataclass
class AreaTally:
    """Per Comune (same order as `Comuni`): the union area, and the pieces that made it."""

    tables: List[str]
    sources: Dict[str, Tuple]  # table -> (source, provider), or (memory layer,): how to read its features again
    union_m2: List[float]
    piece_keys: List[array]
    piece_m2: List[array]
    clipped: set = field(default_factory=set)  # keys of areas cut by a Comune boundary
    repaired: set = field(default_factory=set)  # keys of invalid geometries repaired before use
    problems: List[str] = field(default_factory=list)

    def layer(self, table: str) -> QgsVectorLayer:
        """The table's layer, opened again (results do not hold file layers open)."""
        source = self.sources[table]
        return source[0] if len(source) == 1 else QgsVectorLayer(source[0], table, source[1])

    def pieces(self, number: int) -> List[Tuple[str, int, float, str]]:
        """(table, fid, area in m² inside the Comune before the union, note) of one Comune's areas."""
        mask = (1 << TABLE_BITS) - 1
        rows = []
        for key, area in zip(self.piece_keys[number], self.piece_m2[number]):
            notes = [n for n, where in (("ritagliata dal confine comunale", self.clipped),
                                        ("geometria non valida, riparata", self.repaired)) if key in where]
            rows.append((self.tables[key & mask], key >> TABLE_BITS, area, "; ".join(notes)))
        return rows


def opportunity_sources(open_table) -> List[Tuple[str, QgsVectorLayer, Optional[str]]]:
    """The §4 tables as (table, layer, filter), opened with `open_table(name)`."""
    return [(table, open_table(table), expression) for table, expression in SOURCES]


def tally_areas(comuni: Comuni, sources: Sequence[Tuple[str, QgsVectorLayer, Optional[str]]],
                feedback=None) -> AreaTally:
    """Union area of the sources' polygons in each Comune. `feedback`: anything with isCanceled()/setProgress().

    Pass 1 files each area under its Comune with its box and area only (holding on to every
    geometry would cost more than reading it); pass 2 groups the boxes that overlap; pass 3 reads
    again, by fid, just the areas of those groups, and unions each group.
    """
    if len(sources) >= 1 << TABLE_BITS:
        raise RemixError(f"Troppe tabelle di aree di interesse ({len(sources)}).")
    size = len(comuni)
    tally = AreaTally([t for t, _, _ in sources], {t: _reopen(layer) for t, layer, _ in sources}, [0.0] * size,
                      [array("q") for _ in range(size)], [array("d") for _ in range(size)])
    boxes = [array("d") for _ in range(size)]  # xmin, ymin, xmax, ymax of each piece, in a row
    cut: List[Dict[int, QgsGeometry]] = [{} for _ in range(size)]  # piece position -> clipped or repaired geometry
    progress = _Progress(feedback, sum(max(0, layer.featureCount()) for _, layer, _ in sources))
    if progress.total >= GRID_FROM:
        comuni.use_grid()
    for table_index, (table, layer, expression) in enumerate(sources):
        _check_layer(table, layer, expression)
        request = transformed_request(layer).setNoAttributes().setFilterRect(comuni.extent())
        if expression:
            request.setFilterExpression(expression)
            _report_unknown_state(tally, table, layer)
        _file_pieces(comuni, layer.getFeatures(request), table, table_index, tally, boxes, cut, progress)
    groups = [[g for g in _overlap_groups(boxes[n]) if len(g) > 1] for n in range(size)]
    boxes = None
    for batch in _batches(groups):  # a few Comuni at a time: only their geometries are held
        progress.check()
        geometries = _read_again(sources, tally, groups, cut, batch)
        for number in batch:
            tally.union_m2[number] = _union_area(number, groups[number], tally, geometries, cut[number],
                                                 comuni.names[number])
        progress.set(90.0 + 10.0 * (batch[-1] + 1) / size)
    return tally


def _batches(groups: List[List[List[int]]]) -> List[List[int]]:
    """Comuni in runs holding about READ_BATCH areas of overlap groups between them."""
    batches, current, held = [], [], 0
    for number, comune_groups in enumerate(groups):
        current.append(number)
        held += sum(len(g) for g in comune_groups)
        if held >= READ_BATCH:
            batches.append(current)
            current, held = [], 0
    return batches + [current] if current else batches


def _reopen(layer: QgsVectorLayer) -> Tuple:
    return (layer,) if layer.providerType() == "memory" else (layer.source(), layer.providerType())


class _Progress:
    """Cancel checks and progress every few thousand features, so they cost nothing per feature."""

    def __init__(self, feedback, total: int):
        self.feedback, self.total, self.done = feedback, max(1, total), 0

    def advance(self, count: int, span: float = 80.0) -> None:
        self.done += count
        self.check()
        self.set(span * min(1.0, self.done / self.total))

    def check(self) -> None:
        if self.feedback is not None and self.feedback.isCanceled():
            raise RemixError("Calcolo dell'indicatore annullato.")

    def set(self, value: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress(value)


def _file_pieces(comuni: Comuni, features, table: str, table_index: int, tally: AreaTally, boxes, cut,
                 progress: _Progress) -> None:
    """Pass 1 over one table: each area under the Comune that holds it, or cut among the Comuni it crosses.

    The hot loop of the indicator: one geometry test at most for an area inside a Comune."""
    keys, areas, locate = tally.piece_keys, tally.piece_m2, comuni.locate
    empty = outside = count = 0
    for feature in features:
        count += 1
        if not count % PROGRESS_EVERY:
            progress.advance(PROGRESS_EVERY)
        geometry = feature.geometry()
        key = feature.id() << TABLE_BITS | table_index
        repaired = False
        if not geometry.isGeosValid():
            if geometry.isNull() or geometry.isEmpty():
                empty += 1
                continue
            geometry, repaired = _repair(geometry), True
            tally.repaired.add(key)
            if geometry is None:
                tally.problems.append(f"Tabella «{table}», elemento {feature.id()}: geometria non valida e non "
                                      "riparabile, esclusa dal calcolo.")
                continue
        box = geometry.boundingBox()
        xmin, ymin, xmax, ymax = box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()
        found = locate(xmin, ymin, xmax, ymax)
        if found.__class__ is int:
            if repaired:
                cut[found][len(keys[found])] = geometry
            keys[found].append(key)
            areas[found].append(geometry.area())
            boxes[found].extend((xmin, ymin, xmax, ymax))
        elif not _clip(comuni, found, geometry, key, repaired, tally, boxes, cut):
            outside += 1
    progress.advance(count % PROGRESS_EVERY)
    if empty:
        tally.problems.append(f"Tabella «{table}»: {empty} elementi senza geometria, esclusi dal calcolo.")
    if outside and not comuni.scoped:
        tally.problems.append(f"Tabella «{table}»: {outside} aree fuori da tutti i Comuni, escluse dal calcolo.")


def _read_again(sources, tally: AreaTally, groups, cut, numbers: List[int]) -> Dict[int, QgsGeometry]:
    """Geometries (by piece key) of the areas in the overlap groups of some Comuni that were filed
    without their geometry."""
    wanted: Dict[int, List[int]] = {}
    for number in numbers:
        keys = tally.piece_keys[number]
        for group in groups[number]:
            for position in group:
                if position not in cut[number]:
                    wanted.setdefault(keys[position] & ((1 << TABLE_BITS) - 1), []).append(keys[position] >> TABLE_BITS)
    geometries = {}
    for table_index, fids in wanted.items():
        _, layer, _ = sources[table_index]
        request = transformed_request(layer).setNoAttributes().setFilterFids(fids)
        for feature in layer.getFeatures(request):
            geometries[feature.id() << TABLE_BITS | table_index] = feature.geometry()
    return geometries


def _check_layer(table: str, layer: QgsVectorLayer, expression: Optional[str]) -> None:
    if layer.geometryType() != QgsWkbTypes.PolygonGeometry:
        raise RemixError(f"Tabella «{table}» (strato «{layer.name()}»): servono poligoni per misurare le superfici.")
    if expression and layer.fields().indexOf("stato_suolo") < 0:
        raise RemixError(f"Tabella «{table}» (strato «{layer.name()}»): manca il campo «stato_suolo» che distingue "
                         "le aree libere.")


def _report_unknown_state(tally: AreaTally, table: str, layer: QgsVectorLayer) -> None:
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setFilterExpression(UNKNOWN_STATE)
    unknown = sum(1 for _ in layer.getFeatures(request.setNoAttributes()))
    if unknown:
        tally.problems.append(f"Tabella «{table}»: {unknown} aree senza «stato_suolo», escluse perché non si sa se "
                              "sono libere.")


def _repair(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    repaired = geometry.makeValid()
    if repaired.isNull() or repaired.isEmpty():
        return None
    if QgsWkbTypes.flatType(repaired.wkbType()) == QgsWkbTypes.GeometryCollection:
        repaired.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
    if repaired.isEmpty() or repaired.area() <= 0:
        return None
    return repaired


def _clip(comuni: Comuni, candidates, geometry: QgsGeometry, key: int, repaired: bool, tally: AreaTally,
          boxes, cut) -> bool:
    """Give the area, or its parts cut by the boundaries, to the candidate Comuni; False if none holds any of it."""
    inside = False
    shape = geometry.constGet()
    for number in candidates:
        engine = comuni.engine(number)
        if engine.contains(shape):
            piece = geometry
        elif engine.intersects(shape):
            piece = geometry.intersection(comuni.geometries[number])
            if QgsWkbTypes.flatType(piece.wkbType()) == QgsWkbTypes.GeometryCollection:
                piece.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
            if piece.isEmpty() or piece.area() <= 0:
                continue
            tally.clipped.add(key)
        else:
            continue
        if piece is not geometry or repaired:
            cut[number][len(tally.piece_keys[number])] = piece
        box = piece.boundingBox()
        boxes[number].extend((box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
        tally.piece_keys[number].append(key)
        tally.piece_m2[number].append(piece.area())
        inside = True
        if piece is geometry:
            break
    return inside


def _union_area(number: int, groups: List[List[int]], tally: AreaTally, geometries: Dict[int, QgsGeometry],
                cut: Dict[int, QgsGeometry], comune: str) -> float:
    """Area of the union: all areas add up, then each group of possibly overlapping areas is put right."""
    areas, keys = tally.piece_m2[number], tally.piece_keys[number]
    total = sum(areas)
    for group in groups:
        members = [cut[k] if k in cut else geometries.get(keys[k]) for k in group]
        if any(m is None for m in members):  # the table changed between the two reads
            tally.problems.append(f"Comune «{comune}»: alcune aree sono cambiate durante il calcolo; le loro "
                                  "sovrapposizioni non sono state tolte. Ripetere il calcolo.")
            continue
        union = QgsGeometry.unaryUnion(members)
        if union.isNull():
            union = QgsGeometry.unaryUnion([g.makeValid() for g in members])
        if union.isNull():
            tally.problems.append(f"Comune «{comune}»: unione non riuscita per {len(group)} aree sovrapposte; "
                                  "contata la somma delle loro superfici.")
            continue
        total += union.area() - sum(areas[k] for k in group)
    return total


def _overlap_groups(flat: array) -> List[List[int]]:
    """Groups of indices whose boxes overlap, directly or through others (connected components).

    A multi-level grid hash: each box is filed at the level where it spans at most two cells per
    side; boxes are taken from the coarsest level down, each checked against the boxes already
    filed in the cells it covers at its own level and at every coarser one. Boxes that only touch
    do not overlap (their union adds their areas), which keeps tilings out of the unions.
    """
    boxes = [tuple(flat[i:i + 4]) for i in range(0, len(flat), 4)]
    count = len(boxes)
    if count < 2:
        return [[k] for k in range(count)]
    sample = sorted(max(b[2] - b[0], b[3] - b[1]) for b in boxes[::max(1, count // 512)])
    xmin = min(b[0] for b in boxes)
    ymin = min(b[1] for b in boxes)
    spread = (max(b[2] for b in boxes) - xmin) * (max(b[3] for b in boxes) - ymin)
    # cells about as large as the typical box, or as the room each box has, whichever is larger
    base = max(sample[len(sample) // 2] * 2.0, (spread / count) ** 0.5, 1e-6)
    level_of = []
    for x0, y0, x1, y1 in boxes:
        level, size = 0, base
        while max(x1 - x0, y1 - y0) > size:
            level, size = level + 1, size * 4.0
        level_of.append(level)
    levels = sorted(set(level_of), reverse=True)
    grids = {level: {} for level in levels}
    parent = list(range(count))

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = sorted(range(count), key=level_of.__getitem__, reverse=True) if len(levels) > 1 else range(count)
    for k in order:
        x0, y0, x1, y1 = boxes[k]
        own = level_of[k]
        for level in levels:
            if level < own:
                break
            size = base * 4.0 ** level
            grid = grids[level]
            for i in range(int((x0 - xmin) // size), int((x1 - xmin) // size) + 1):
                for j in range(int((y0 - ymin) // size), int((y1 - ymin) // size) + 1):
                    cell = grid.get((i, j))
                    if cell is None:
                        if level == own:
                            grid[(i, j)] = [k]
                        continue
                    for other in cell:
                        b = boxes[other]
                        if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                            a, c = find(k), find(other)
                            if a != c:
                                parent[a] = c
                    if level == own:
                        cell.append(k)
    groups: Dict[int, List[int]] = {}
    for k in range(count):
        groups.setdefault(find(k), []).append(k)
    return list(groups.values())
