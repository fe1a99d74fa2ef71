"""Every Qt Designer file compiles, keeps its signals out (they are connected in Python), and sits
next to the widget module that loads it."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.PyQt import uic

UI_FILES = sorted((Path(__file__).resolve().parents[2] / "remix_plugin").rglob("*.ui"))


def test_there_are_ui_files():
    assert UI_FILES


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_ui_file_compiles_and_has_no_designer_connections(qgis_app, path):
    form, base = uic.loadUiType(str(path))
    assert form is not None and base is not None
    connections = ET.parse(path).getroot().find("connections")
    assert connections is None or len(connections) == 0, "signals are connected in Python, not in the .ui"
    module = path.with_suffix(".py")
    assert (
        module.exists()
        and path.name in module.read_text(encoding="utf-8")
        or 'with_suffix(".ui")' in module.read_text(encoding="utf-8")
    )
