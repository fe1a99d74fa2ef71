"""The indicators as files: a CSV with one row per Comune, a companion JSON with the method, the
breaks and the rules, a trace CSV with the features behind each figure, or all of it in a GeoPackage.

The CSV is plain RFC 4180 (comma, dot decimals, UTF-8) so that any tool reads it; the JSON says what
every column means.
"""

import json
from pathlib import Path
from typing import List

from qgis.core import QgsFeature, QgsField, QgsVectorLayer

from remix_plugin.core.base import csv_files
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.qgis_compat import FieldType
from remix_plugin.core.data.layers import add_attributes, add_features, write_to_gpkg
from remix_plugin.core.indicators.synthesis import IndicatorResult, table_columns, table_rows, to_layer, trace_rows

TRACE_COLUMNS = [
    "indicatore",
    "pro_com_t",
    "comune",
    "tabella",
    "fid_tabella",
    "codice",
    "descrizione",
    "quantita",
    "unita",
    "nota",
]


def companion(path: Path, suffix: str) -> Path:
    """`out.csv` -> `out.json` / `out_tracciabilita.csv`."""
    path = Path(path)
    return path.with_name(path.stem + suffix)


def write_outputs(results: List[IndicatorResult], out: Path) -> List[Path]:
    """Write `out` (.csv or .gpkg) and its companions; returns every file written."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".csv", ".gpkg"):
        raise RemixError(f"File «{out}»: l'estensione deve essere .csv o .gpkg.")
    _check_same_comuni(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = [out]
    if kind == ".csv":
        write_csv(results, out)
        written.append(write_trace_csv(results, companion(out, "_tracciabilita.csv")))
    else:
        if out.exists():
            out.unlink()
        for result in results:
            write_to_gpkg(to_layer(result), out, result.definition.entry_id)
        write_to_gpkg(trace_layer(results), out, "tracciabilita")
    written.append(write_metadata(results, companion(out, ".json")))
    return written


def write_csv(results: List[IndicatorResult], path: Path) -> Path:
    return csv_files.write_csv(path, table_columns(results), table_rows(results))


def write_metadata(results: List[IndicatorResult], path: Path) -> Path:
    data = {
        "colonne": {name: alias for result in results for name, alias in _aliases(result)},
        "indicatori": {r.definition.id: r.metadata() for r in results},
    }
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise RemixError(f"Impossibile scrivere il file «{path}»: {exc.strerror or exc}.") from exc
    return Path(path)


def _aliases(result: IndicatorResult):
    which = result.definition.id
    yield from ((n, a) for n, _, a in result.definition.quantities)
    yield f"valore_{which}", f"valore classificato di «{result.definition.short}», in {result.unit}"
    yield f"classe_n_{which}", "classe (0 = nessuno, 1 = la più bassa)"
    yield f"classe_{which}", "classe, da «molto basso» a «molto alto»"


def trace_table(results: List[IndicatorResult]):
    for result in results:
        names = {f.code: f.name for f in result.figures}
        for code, rows in trace_rows(result).items():
            for r in rows:
                yield [
                    result.definition.id,
                    code,
                    names[code],
                    r.table,
                    r.fid,
                    r.key,
                    r.description,
                    round(r.amount, 2),
                    r.unit,
                    r.note,
                ]


def write_trace_csv(results: List[IndicatorResult], path: Path) -> Path:
    return csv_files.write_csv(path, TRACE_COLUMNS, trace_table(results))


def trace_layer(results: List[IndicatorResult]) -> QgsVectorLayer:
    layer = QgsVectorLayer("None", "tracciabilita", "memory")
    kinds = {"fid_tabella": FieldType.LongLong, "quantita": FieldType.Double}
    add_attributes(layer, [QgsField(n, kinds.get(n, FieldType.String)) for n in TRACE_COLUMNS])
    layer.updateFields()
    features = []
    for row in trace_table(results):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(row)
        features.append(feature)
    add_features(layer, features)
    return layer


def _check_same_comuni(results: List[IndicatorResult]) -> None:
    codes = [[f.code for f in r.figures] for r in results]
    if any(c != codes[0] for c in codes[1:]):
        raise RemixError("Gli indicatori da esportare insieme devono riguardare gli stessi Comuni.")
