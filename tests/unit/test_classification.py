"""Classes of the synthesis indicators: QGIS's classifiers, Italian labels from lowest to highest."""

import pytest

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.indicators.classification import SCALE, classify, spread_labels

SKEWED = [0, 0, 0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000.5]


@pytest.mark.parametrize(
    "count,labels",
    [
        (7, list(SCALE)),
        (5, ["molto basso", "medio-basso", "medio", "medio-alto", "molto alto"]),
        (4, ["molto basso", "medio-basso", "medio-alto", "molto alto"]),
        (3, ["molto basso", "medio", "molto alto"]),
        (2, ["molto basso", "molto alto"]),
    ],
)
def test_labels_spread_over_the_scale_from_lowest_to_highest(count, labels):
    assert spread_labels(count) == labels


@pytest.mark.parametrize("method", ["jenks", "quantile", "pretty"])
@pytest.mark.parametrize("classes", [3, 5, 7])
def test_every_positive_value_gets_a_class_and_zero_gets_none(method, classes):
    result = classify(SKEWED, method, classes)
    assert 1 <= result.count <= 7
    numbers = [result.class_of(v) for v in SKEWED]
    assert [n for v, n in zip(SKEWED, numbers) if v == 0] == [0, 0, 0, 0]
    positive = [n for v, n in zip(SKEWED, numbers) if v > 0]
    assert positive == sorted(positive) and positive[0] == 1 and positive[-1] == result.count
    assert set(positive) == set(range(1, result.count + 1))  # no empty class is kept
    assert result.breaks == sorted(result.breaks) and len(result.breaks) == result.count + 1
    assert result.label_of(result.count) == "molto alto" and result.label_of(0) == "nessuno"


def test_jenks_finds_the_natural_break():
    result = classify([1, 1.1, 1.2, 50, 51, 52, 400], "jenks", 3)
    assert [result.class_of(v) for v in (1, 1.2, 50, 52, 400)] == [1, 1, 2, 2, 3]
    assert result.as_dict()["metodo"] == "jenks"


def test_quantiles_of_repeated_values_collapse_to_the_classes_the_data_can_fill():
    result = classify([5, 5, 5, 5, 9], "quantile", 5)
    assert result.count == 2 and result.labels == ["molto basso", "molto alto"]


def test_nothing_positive_gives_no_classes():
    result = classify([0, 0, 0], "jenks", 5)
    assert result.count == 0 and result.class_of(0) == 0


@pytest.mark.parametrize("method,classes", [("natural", 5), ("jenks", 2), ("jenks", 8)])
def test_bad_options_are_refused_in_italian(method, classes):
    with pytest.raises(RemixError, match="non valido|sconosciuto"):
        classify(SKEWED, method, classes)
