"""Indicator 1, "Superficie delle aree di interesse per la rigenerazione": per Comune, the area of
the union of the opportunity areas, clipped by the Comune's boundary.

Why not union everything and intersect with the Comuni (the Processing chain)? GEOS's cascaded
union of many thousands of polygons costs far more than reading them, and most areas overlap
nothing. Here the areas come as columns (validity, area, box: `table_reader`); a raster of the
Comuni gives each its Comune, a whole column at once, with no geometry test for areas well inside
one; only areas on a boundary (or invalid) are fetched, tested and cut. Inside each Comune the
areas are grouped by overlapping boxes: a lone area adds its own area, and only groups that may
overlap are fetched and unioned, each on its own. The same area, at near-linear cost.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, cast

import numpy as np
from qgis.core import QgsGeometry, QgsVectorLayer, QgsWkbTypes

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import GeometryType, WkbType
from remix_plugin.core.data.comuni_index import ON_BOUNDARY, OUTSIDE, Comuni
from remix_plugin.core.data.table_reader import Areas, Rule, Table

# an Offerta area counts unless its soil is «libero»; without a stato_suolo it is left out (and said so)
BUILT_UP = Rule("stato_suolo", lambda state: state.lower() != "libero")
# the opportunity tables of DESIGN §4, each with the filter that selects what counts
SOURCES: Tuple[Tuple[str, Optional[Rule]], ...] = (
    ("aree_remix", None),
    ("ambiti_rigenerazione_8bis_40bis", None),
    ("offerta_at_2020", BUILT_UP),
    ("offerta_pa_2020", BUILT_UP),
    ("aree_rigenerazione_pgt", None),
)
RULE = (
    "Superficie dell'unione delle aree di interesse (Aree Remix, ambiti ex art. 8bis e 40bis, Ambiti di "
    "Trasformazione e Piani Attuativi 2020 con stato del suolo diverso da «libero», aree della rigenerazione della "
    "Tavola delle previsioni di PGT), ritagliata dal confine di ciascun Comune: le sovrapposizioni tra banche dati "
    "contano una volta sola e un'area a cavallo di un confine è divisa tra i Comuni. Aree planimetriche in "
    "EPSG:32632. Meno di 1 m² in un Comune (un residuo di confini che non coincidono) conta come 0. Le aree "
    "dismesse 2010 non sono comprese (§4 del documento di progetto)."
)
TABLE_BITS = 4  # a piece's key packs its fid and the index of its table: fid << 4 | table
GRID_FROM = 5000  # areas from which rasterising the Comuni pays for itself
FINE_GRID_FROM = 250000  # areas from which a grid twice as fine (2048 cells a side, 27 m in CMM) pays for itself
READ_BATCH = 50000  # geometries fetched and held at once
OFFLOAD_SHARE = 0.5  # of the groups of whole areas from the pack, unioned by SpatiaLite beside us


@dataclass
class AreaTally:
    """Per Comune (same order as `Comuni`): the union area, and the pieces that made it."""

    tables: List[str]
    sources: Dict[str, Tuple]  # table -> (source, provider), or (memory layer,): how to read its features again
    union_m2: List[float]
    piece_keys: List[np.ndarray] = field(default_factory=list)
    piece_m2: List[np.ndarray] = field(default_factory=list)
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
        for key, area in zip(self.piece_keys[number].tolist(), self.piece_m2[number].tolist()):
            notes = [
                n
                for n, where in (
                    ("ritagliata dal confine comunale", self.clipped),
                    ("geometria non valida, riparata", self.repaired),
                )
                if key in where
            ]
            rows.append((self.tables[key & mask], key >> TABLE_BITS, area, "; ".join(notes)))
        return rows


def opportunity_sources(open_table, tables=None) -> List[Tuple[str, Table, Optional[Rule]]]:
    """The §4 tables (those of `tables` when given) as (table, `table_reader` table, filter), opened with
    `open_table(name)`."""
    return [(table, open_table(table), rule) for table, rule in SOURCES if tables is None or table in tables]


def tally_areas(comuni: Comuni, sources: Sequence[Tuple[str, Table, Optional[Rule]]], feedback=None) -> AreaTally:
    """Union area of the sources' polygons in each Comune. `feedback`: anything with isCanceled()/setProgress()."""
    if len(sources) >= 1 << TABLE_BITS:
        raise RemixError(f"Troppe tabelle di aree di interesse ({len(sources)}).")
    size = len(comuni)
    tally = AreaTally([t for t, _, _ in sources], {t: source.reopen() for t, source, _ in sources}, [0.0] * size)
    progress = _Progress(feedback)
    pieces = _Pieces()
    for table, source, rule in sources:
        _check_source(table, source, rule)
    reading = [source.areas_later(rule) for _, source, rule in sources]  # pack tables: read while we work
    total = sum(source.size() for _, source, _ in sources)
    grid = comuni.grid(2048 if total >= FINE_GRID_FROM else 1024) if total >= GRID_FROM else None
    for table_index, (table, source, rule) in enumerate(sources):
        progress.check()
        areas = reading[table_index].result()
        if areas.empty:
            tally.problems.append(f"Tabella «{table}»: {areas.empty} elementi senza geometria, esclusi dal calcolo.")
        if areas.unjudged:
            assert rule is not None  # only a rule leaves areas unjudged (table_reader._keep)
            tally.problems.append(
                f"Tabella «{table}»: {areas.unjudged} aree senza «{rule.field}», escluse perché non si "
                "sa se sono libere."
            )
        _file_pieces(comuni, grid, source, areas, table, table_index, tally, pieces, progress)
        progress.set(60.0 * (table_index + 1) / len(sources))
    comune, keys, m2, boxes = pieces.columns()
    union = np.bincount(comune, weights=m2, minlength=size)
    groups = _groups(_overlap_components(comune, *boxes))
    _correct_overlaps(groups, comune, keys, m2, pieces.cut, sources, union, tally, comuni, progress)
    order = np.argsort(comune, kind="stable")
    bounds = np.searchsorted(comune[order], np.arange(size + 1))
    tally.union_m2 = union.tolist()
    tally.piece_keys = [keys[order[a:b]] for a, b in zip(bounds[:-1], bounds[1:])]
    tally.piece_m2 = [m2[order[a:b]] for a, b in zip(bounds[:-1], bounds[1:])]
    return tally


class _Progress:
    """Cancel checks and progress between steps, so they cost nothing per area."""

    def __init__(self, feedback):
        self.feedback = feedback

    def check(self) -> None:
        if self.feedback is not None and self.feedback.isCanceled():
            raise RemixError("Calcolo dell'indicatore annullato.")

    def set(self, value: float) -> None:
        self.check()
        if self.feedback is not None:
            self.feedback.setProgress(value)


class _Pieces:
    """Every piece (an area, or its part in one Comune) as columns, with the geometries of those cut or repaired."""

    def __init__(self) -> None:
        self.chunks: List[Tuple[np.ndarray, ...]] = []
        self.rows: List[Tuple] = []
        self.cut: Dict[int, QgsGeometry] = {}  # piece index -> its own geometry
        self.size = 0

    def extend(self, *columns: np.ndarray) -> None:
        self._flush()
        self.chunks.append(columns)
        self.size += len(columns[0])

    def add(self, number: int, key: int, geometry: QgsGeometry, own: bool) -> None:
        if own:
            self.cut[self.size] = geometry
        box = geometry.boundingBox()
        self.rows.append((number, key, geometry.area(), box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
        self.size += 1

    def _flush(self) -> None:
        if self.rows:
            columns = list(zip(*self.rows))
            self.chunks.append(
                (
                    np.array(columns[0], dtype=np.int64),
                    np.array(columns[1], dtype=np.int64),
                    *(np.array(c, dtype=np.float64) for c in columns[2:]),
                )
            )
            self.rows = []

    def columns(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray, Tuple[np.ndarray, ...]]:
        self._flush()
        if not self.chunks:
            empty = np.zeros(0)
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), empty, (empty,) * 4
        comune, keys, m2, *boxes = (np.concatenate(c) for c in zip(*self.chunks))
        return comune, keys, m2, tuple(boxes)


def _file_pieces(
    comuni: Comuni,
    grid,
    source,
    areas: Areas,
    table: str,
    table_index: int,
    tally: AreaTally,
    pieces: _Pieces,
    progress: _Progress,
) -> None:
    """Each area of one table under the Comune that holds it (whole columns at once), or, for areas on a
    boundary or invalid, fetched and cut among the Comuni it crosses."""
    extent = comuni.extent()
    near = (
        (areas.x1 >= extent.xMinimum())
        & (areas.x0 <= extent.xMaximum())
        & (areas.y1 >= extent.yMinimum())
        & (areas.y0 <= extent.yMaximum())
    )
    boxes = (areas.x0, areas.y0, areas.x1, areas.y1)
    where = grid.locate(*boxes) if grid is not None else np.full(len(areas.fid), ON_BOUNDARY)
    keys = areas.fid << TABLE_BITS | table_index
    whole = near & areas.valid & (where >= 0)
    pieces.extend(where[whole], keys[whole], areas.area[whole], *(b[whole] for b in boxes))
    outside = int(np.count_nonzero(near & areas.valid & (where == OUTSIDE)))
    exact = np.nonzero(near & (~areas.valid | (where == ON_BOUNDARY)))[0]
    for start in range(0, len(exact), READ_BATCH):
        progress.check()
        batch = exact[start : start + READ_BATCH]
        geometries = source.geometries(areas.fid[batch])
        for fid, valid in zip(areas.fid[batch].tolist(), areas.valid[batch].tolist()):
            geometry, key, repaired = geometries.get(fid), fid << TABLE_BITS | table_index, False
            if geometry is None:
                tally.problems.append(
                    f"Tabella «{table}», elemento {fid}: cambiato durante il calcolo, escluso. " "Ripetere il calcolo."
                )
                continue
            if not valid and not geometry.isGeosValid():
                geometry, repaired = _repair(geometry), True
                tally.repaired.add(key)
                if geometry is None:
                    tally.problems.append(
                        f"Tabella «{table}», elemento {fid}: geometria non valida e non "
                        "riparabile, esclusa dal calcolo."
                    )
                    continue
            if not _clip(comuni, geometry, key, repaired, tally, pieces):
                outside += 1
    if outside and not comuni.scoped:
        tally.problems.append(f"Tabella «{table}»: {outside} aree fuori da tutti i Comuni, escluse dal calcolo.")


def _check_source(table: str, source, rule: Optional[Rule]) -> None:
    if source.geometry_type != GeometryType.Polygon:
        raise RemixError(f"Tabella «{table}» (strato «{source.label}»): servono poligoni per misurare le superfici.")
    if rule is not None and rule.field not in source.fields:
        raise RemixError(
            f"Tabella «{table}» (strato «{source.label}»): manca il campo «{rule.field}» che distingue "
            "le aree libere."
        )


def _repair(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    repaired = geometry.makeValid()
    if repaired.isNull() or repaired.isEmpty():
        return None
    if QgsWkbTypes.flatType(repaired.wkbType()) == WkbType.GeometryCollection:
        repaired.convertGeometryCollectionToSubclass(GeometryType.Polygon)
    if repaired.isEmpty() or repaired.area() <= 0:
        return None
    return repaired


def _clip(comuni: Comuni, geometry: QgsGeometry, key: int, repaired: bool, tally: AreaTally, pieces: _Pieces) -> bool:
    """Give the area, or its parts cut by the boundaries, to the Comuni it meets; False if none holds any of it."""
    inside = False
    shape = geometry.constGet()
    for number in comuni.candidates(geometry.boundingBox()):
        engine = comuni.engine(number)
        if engine.contains(shape):
            piece = geometry
        elif engine.intersects(shape):
            piece = geometry.intersection(comuni.geometries[number])
            if QgsWkbTypes.flatType(piece.wkbType()) == WkbType.GeometryCollection:
                piece.convertGeometryCollectionToSubclass(GeometryType.Polygon)
            if piece.isEmpty() or piece.area() <= 0:
                continue
            tally.clipped.add(key)
        else:
            continue
        pieces.add(number, key, piece, own=piece is not geometry or repaired)
        inside = True
        if piece is geometry:
            break
    return inside


def _groups(labels: np.ndarray) -> List[np.ndarray]:
    """The pieces of each component of two or more, as index arrays."""
    counts = np.bincount(labels, minlength=len(labels)) if len(labels) else np.zeros(0, dtype=np.int64)
    members = np.nonzero(counts[labels] >= 2)[0]
    members = members[np.argsort(labels[members], kind="stable")]
    cuts = np.nonzero(np.diff(labels[members]))[0] + 1
    return np.split(members, cuts) if len(members) else []


def _correct_overlaps(
    groups: List[np.ndarray],
    comune: np.ndarray,
    keys: np.ndarray,
    m2: np.ndarray,
    cut: Dict[int, QgsGeometry],
    sources,
    union: np.ndarray,
    tally: AreaTally,
    comuni: Comuni,
    progress: _Progress,
) -> None:
    """All areas add up; each group of possibly overlapping pieces is then put right by its own union.

    When every table comes from the pack, a share of the groups whose pieces are whole areas is unioned
    by SpatiaLite beside us (`PackReader.later`) while we union the rest."""
    if not groups:
        return
    sizes = np.array([len(g) for g in groups])
    sums = np.add.reduceat(m2[np.concatenate(groups)], np.cumsum(sizes) - sizes).tolist()
    readers = {source.pack_reader for _, source, _ in sources}
    reader = readers.pop() if len(readers) == 1 else None
    mask, offloaded, pending = (1 << TABLE_BITS) - 1, [], None
    if reader is not None:
        whole = [i for i, group in enumerate(groups) if not any(k in cut for k in group.tolist())]
        offloaded = whole[: int(len(whole) * OFFLOAD_SHARE)]
        members = [[(tally.tables[k & mask], k >> TABLE_BITS) for k in keys[groups[i]].tolist()] for i in offloaded]
        pending = reader.later(lambda twin: twin.union_areas(members))
    chosen = set(offloaded)
    areas = _union_here(
        [i for i in range(len(groups)) if i not in chosen], groups, keys, cut, sources, tally, comuni, comune, progress
    )
    if pending is not None:
        try:
            done = pending.result()
        except RemixError as exc:  # SpatiaLite could not: we union those groups ourselves
            log.warning(f"{exc.message} Unione delle aree sovrapposte ripetuta con QGIS.")
            done = [None] * len(offloaded)
        areas.update((i, area) for i, area in zip(offloaded, done) if area is not None)
        areas.update(
            _union_here(
                [i for i, area in zip(offloaded, done) if area is None],
                groups,
                keys,
                cut,
                sources,
                tally,
                comuni,
                comune,
                progress,
            )
        )
    for i, area in areas.items():
        if area is not None:
            union[int(comune[groups[i][0]])] += area - sums[i]


def _union_here(
    chosen: List[int], groups, keys, cut, sources, tally: AreaTally, comuni: Comuni, comune, progress: _Progress
) -> Dict[int, Optional[float]]:
    """Union area of the chosen groups through QGIS, fetching a batch of groups' geometries at a time."""
    mask, areas, start = (1 << TABLE_BITS) - 1, {}, 0
    while start < len(chosen):
        progress.set(60.0 + 40.0 * start / len(chosen))
        batch, held = [], 0
        while start < len(chosen) and held < READ_BATCH:
            batch.append(chosen[start])
            held += len(groups[chosen[start]])
            start += 1
        wanted: Dict[int, List[int]] = {}
        for i in batch:
            for index in groups[i].tolist():
                if index not in cut:
                    wanted.setdefault(int(keys[index]) & mask, []).append(int(keys[index]) >> TABLE_BITS)
        fetched = {}
        for table_index, fids in wanted.items():
            for fid, geometry in sources[table_index][1].geometries(fids).items():
                fetched[fid << TABLE_BITS | table_index] = geometry
        for i in batch:
            members = [cut[k] if k in cut else fetched.get(int(keys[k])) for k in groups[i].tolist()]
            areas[i] = _union_area(members, comuni.names[int(comune[groups[i][0]])], tally)
    return areas


def _union_area(members: List[Optional[QgsGeometry]], comune: str, tally: AreaTally) -> Optional[float]:
    if any(m is None for m in members):  # the table changed between the two reads
        tally.problems.append(
            f"Comune «{comune}»: alcune aree sono cambiate durante il calcolo; le loro "
            "sovrapposizioni non sono state tolte. Ripetere il calcolo."
        )
        return None
    union = QgsGeometry.unaryUnion(members)
    if union.isNull():
        union = QgsGeometry.unaryUnion([g.makeValid() for g in cast(List[QgsGeometry], members)])  # no None: above
    if union.isNull():
        tally.problems.append(
            f"Comune «{comune}»: unione non riuscita per {len(members)} aree sovrapposte; "
            "contata la somma delle loro superfici."
        )
        return None
    return union.area()


def _overlap_components(
    comune: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray
) -> np.ndarray:
    """For each piece, a label shared by the pieces of the same Comune whose boxes overlap, directly or
    through others (connected components). Boxes that only touch do not overlap (their union adds their
    areas), which keeps tilings out of the unions.

    A multi-level grid, in whole columns: each box has a level where it spans at most two cells per side;
    at every level, each box of that level is paired with the boxes of that level or finer sharing a
    cell with it, and the pairs whose boxes overlap are joined.
    """
    count = len(comune)
    if count < 2:
        return np.arange(count)
    side = np.maximum(x1 - x0, y1 - y0)
    base = max(float(np.median(side)) * 2.0, 1e-6)  # cells about twice the typical box
    level = np.ceil(np.log(np.maximum(side, base) / base) / np.log(4.0)).astype(np.int64)
    level += side > base * 4.0**level  # rounding
    left, bottom = float(x0.min()), float(y0.min())
    first, second = [], []
    for own_level in np.unique(level).tolist():
        size = base * 4.0**own_level
        lower = np.nonzero(level <= own_level)[0]
        cell_keys, cell_boxes = _cells(lower, comune, x0, y0, x1, y1, left, bottom, size)
        order = np.argsort(cell_keys, kind="stable")
        cell_keys, cell_boxes = cell_keys[order], cell_boxes[order]
        own = level[cell_boxes] == own_level
        own_keys, own_boxes = cell_keys[own], cell_boxes[own]
        low = np.searchsorted(cell_keys, own_keys, "left")
        runs = np.searchsorted(cell_keys, own_keys, "right") - low
        for begin in range(0, len(own_keys), 1 << 20):  # bounded memory
            end = begin + (1 << 20)
            a, b = _expand(own_boxes[begin:end], low[begin:end], runs[begin:end], cell_boxes)
            keep = (
                ((a < b) | (level[b] < own_level))
                & (x0[a] < x1[b])
                & (x0[b] < x1[a])
                & (y0[a] < y1[b])
                & (y0[b] < y1[a])
            )
            first.append(a[keep])
            second.append(b[keep])
    return _components(count, np.concatenate(first), np.concatenate(second))


def _cells(boxes: np.ndarray, comune, x0, y0, x1, y1, left: float, bottom: float, size: float):
    """(cell key, box) for every cell of the given size each box covers (at most 2 × 2); the key holds the Comune."""
    i0 = ((x0[boxes] - left) // size).astype(np.int64)
    i1 = ((x1[boxes] - left) // size).astype(np.int64)
    j0 = ((y0[boxes] - bottom) // size).astype(np.int64)
    j1 = ((y1[boxes] - bottom) // size).astype(np.int64)
    columns = int(max(i1.max(), 0)) + 2
    rows = int(max(j1.max(), 0)) + 2
    keys, owners = [], []
    for i, j, use in ((i0, j0, None), (i1, j0, i1 != i0), (i0, j1, j1 != j0), (i1, j1, (i1 != i0) & (j1 != j0))):
        chosen = slice(None) if use is None else use
        keys.append((comune[boxes][chosen] * columns + i[chosen]) * rows + j[chosen])
        owners.append(boxes[chosen])
    return np.concatenate(keys), np.concatenate(owners)


def _expand(
    own: np.ndarray, low: np.ndarray, runs: np.ndarray, cell_boxes: np.ndarray
) -> Tuple[np.ndarray, np.ndarray]:
    """Every (own box, box sharing its cell) pair, from each own entry's run in the sorted cells."""
    total = int(runs.sum())
    a = np.repeat(own, runs)
    offsets = np.arange(total) - np.repeat(np.cumsum(runs) - runs, runs)
    return a, cell_boxes[np.repeat(low, runs) + offsets]


def _components(count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the pairs (a, b): each node's label is the smallest node of its component."""
    parent = np.arange(count)
    while len(a):
        ra, rb = _roots(parent, a), _roots(parent, b)
        differ = ra != rb
        if not differ.any():
            break
        a, b, ra, rb = a[differ], b[differ], ra[differ], rb[differ]
        np.minimum.at(parent, np.maximum(ra, rb), np.minimum(ra, rb))  # hook the larger root under the smaller
        parent = _roots(parent, parent)
    return parent


def _roots(parent: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    while True:
        up = parent[nodes]
        if np.array_equal(up, nodes):
            return nodes
        nodes = up
