"""Qualitative classes of the synthesis indicators, from QGIS's own classifiers.

The portal shows "from lower to higher"; here the method and its breaks are explicit and stored
with the result. Comuni with nothing (value 0) are not ranked: they get class 0 "nessuno", so a
Comune without any area or funding is never shown as merely "molto basso". Classes that hold no
Comune (quantiles on repeated values, pretty breaks beyond the data) are dropped, and the labels
are spread over the seven-step scale so that 1 is always the lowest and N the highest.

Few values make few classes: never more than the distinct non-zero values minus one (at least 2), and a
one-line warning under `FEW_VALUES` values. The Comuni the classes are computed over (the reference set:
every Comune of the Città metropolitana, or those of the Zona filter) are named by `reference_note`, the
same words in the dock and in the Scheda comunale.
"""

from dataclasses import dataclass, field
from typing import List, Sequence

from qgis.core import QgsClassificationJenks, QgsClassificationPrettyBreaks, QgsClassificationQuantile

from remix_plugin.core.base.errors import RemixError

SCALE = ("molto basso", "basso", "medio-basso", "medio", "medio-alto", "alto", "molto alto")
NONE_LABEL = "nessuno"
METHODS = {
    "jenks": ("Interruzioni naturali (Jenks)", QgsClassificationJenks),
    "quantile": ("Quantili (conteggio uguale)", QgsClassificationQuantile),
    "pretty": ("Intervalli arrotondati (pretty breaks)", QgsClassificationPrettyBreaks),
}
MIN_CLASSES, MAX_CLASSES = 3, 7
FEW_VALUES = 10  # fewer Comuni with a value than this: the classes say little, and the user is told
REFERENCES = ("cmm", "filtro")  # the Comuni the classes are computed over: all, or the filter's


@dataclass
class Classes:
    """Breaks of the non-empty classes, in increasing order: class k covers (breaks[k-1], breaks[k]]."""

    method: str
    requested: int
    breaks: List[float] = field(default_factory=list)  # N + 1 values: lower bound, then the N upper bounds
    labels: List[str] = field(default_factory=list)  # N labels, lowest first
    values: int = 0  # Comuni with a value above zero, the ones classified

    @property
    def count(self) -> int:
        return len(self.labels)

    @property
    def warning(self) -> str:
        """One line when the classes rest on too few values (empty otherwise)."""
        if not self.values or self.values >= FEW_VALUES:
            return ""
        capped = f", {self.count} classi invece di {self.requested}" if self.count < self.requested else ""
        return (
            f"Attenzione: solo {self.values} Comuni con un valore{capped}: "
            "le classi dicono poco, meglio leggere i valori."
        )

    def class_of(self, value: float) -> int:
        """1..N for a positive value, 0 for nothing."""
        if not value or value <= 0 or not self.labels:
            return 0
        for number, upper in enumerate(self.breaks[1:], start=1):
            if value <= upper:
                return number
        return self.count

    def label_of(self, number: int) -> str:
        return self.labels[number - 1] if number >= 1 else NONE_LABEL

    def as_dict(self) -> dict:
        return {
            "metodo": self.method,
            "descrizione_metodo": METHODS[self.method][0],
            "classi_richieste": self.requested,
            "classi": self.count,
            "limiti": self.breaks,
            "etichette": self.labels,
            "valori_classificati": self.values,
            "regola": "classe k se limiti[k-1] < valore <= limiti[k]; valore 0: classe 0 «nessuno» (non classificato)",
        }


def spread_labels(count: int) -> List[str]:
    """`count` labels from the seven-step scale, evenly spread, always from the lowest to the highest."""
    if count <= 1:
        return [SCALE[3]] if count == 1 else []
    return [SCALE[round(i * (len(SCALE) - 1) / (count - 1))] for i in range(count)]


def classify(values: Sequence[float], method: str = "jenks", classes: int = 5) -> Classes:
    """Classes of the positive values with a QGIS classifier; fewer when the data cannot fill them."""
    if method not in METHODS:
        raise RemixError(f"Metodo di classificazione «{method}» sconosciuto. Metodi: {', '.join(METHODS)}.")
    if not MIN_CLASSES <= int(classes) <= MAX_CLASSES:
        raise RemixError(f"Numero di classi {classes} non valido: da {MIN_CLASSES} a {MAX_CLASSES}.")
    positive = sorted(float(v) for v in values if v and v > 0)
    result = Classes(method, int(classes), values=len(positive))
    if not positive:
        return result
    asked = min(int(classes), max(2, len(set(positive)) - 1))  # 4 values: 3 classes, never 5
    while True:
        ranges = METHODS[method][1]().classes(positive, asked)
        uppers = _filled_uppers(positive, ranges)
        if len(uppers) <= MAX_CLASSES or asked == 1:
            break
        asked -= 1  # pretty breaks may return more classes than asked
    lowest = ranges[0].lowerBound() if ranges else positive[0]
    result.breaks = [min(positive[0], lowest)] + uppers
    result.labels = spread_labels(len(uppers))
    return result


def _filled_uppers(values: List[float], ranges) -> List[float]:
    """Upper bounds of the classes that hold at least one value (the last one always holds the maximum)."""
    uppers, start = [], 0
    for upper in sorted({r.upperBound() for r in ranges}):
        end = start
        while end < len(values) and values[end] <= upper:
            end += 1
        if end > start:
            uppers.append(upper)
            start = end
    if start < len(values):  # rounding in a classifier left the maximum out: widen the last class
        if uppers:
            uppers[-1] = values[-1]
        else:
            uppers.append(values[-1])
    return uppers


def reference_note(reference: str, comuni: int, scoped: bool) -> str:
    """Which Comuni the classes compare a Comune with, in the words of the dock and of the Scheda comunale:
    `comuni` is how many were classified; `scoped` whether a Zona/Comuni filter is active."""
    if reference == "filtro" and scoped:
        return f"classi calcolate sui {comuni} Comuni del filtro (Zona omogenea/Comuni scelti)"
    return f"classi calcolate sui {comuni} Comuni della Città metropolitana"
