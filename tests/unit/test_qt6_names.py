"""QGIS 4 (Qt6 / PyQt6) readiness, checked on the QGIS 3 / PyQt5 of this machine.

An AST walk over every .py in remix_plugin, scripts and tests collects

* every Qt name the code uses: the names imported from ``qgis.PyQt.<Module>`` (or ``PyQt5.<Module>``)
  and the attribute chains hung on them (``Qt.AlignmentFlag.AlignLeft``, ``QDialog.exec``, ...).
  Each must resolve in PyQt6 (``PyQt6.<Module>.<Name>[.<Attr>...]``, a getattr chain run by the
  PyQt6 of ``.venv-qt6``, made by scripts/setup.sh) and in the Qt the tests run on. In QGIS 4 the
  ``qgis.PyQt`` shim is plain PyQt6 (it keeps ``QVariant``; nothing else of it is relied on here),
  where enum members live only in their enum (``Qt.AlignLeft`` is gone) and ``exec_`` is ``exec``.
  Attribute access on instances can't be typed statically: every ``.exec_(`` call is flagged
  wherever it stands.
  An import in the body of a ``try:`` whose ``except`` catches ImportError must resolve in PyQt6;
  the imports in that handler are the Qt5 fallback and are not checked.
* every QGIS short enum name that QGIS has moved into a scoped ``Qgis.*`` enum (QGIS 3 keeps the
  short name as a deprecated alias; QGIS 4 may drop it), where that scoped enum already exists in
  QGIS 3.22, our qgisMinimumVersion: QGIS_REPLACED below. The short names whose scoped enum came
  after 3.22 can't be replaced yet: QGIS_NOT_YET_REPLACEABLE lists those the code uses, and why.
"""

import ast
import enum
import json
import os
import re
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("remix_plugin", "scripts", "tests")
QT6_PYTHON = ROOT / ".venv-qt6" / "bin" / "python"
QT_PACKAGES = ("qgis.PyQt", "PyQt5")
QGIS_MODULES = ("qgis.core", "qgis.gui", "qgis.analysis")

# Known exception: QgsField types written as QVariant.Int / QVariant.String / ... (QVariant.Type is
# gone from PyQt6; QGIS 4 wants QMetaType.Type). They are moving into remix_plugin/core/base/qgis_compat.py
# (another change), so QVariant.<Type> is left out of the check; QVariant itself (kept by the QGIS 4
# shim) is checked.
QT6_EXCEPTION = re.compile(r"QtCore\.QVariant\.[A-Z]")

# QGIS short enum names that QGIS already deprecates in favour of a scoped enum that exists in QGIS
# 3.22 (checked on QGIS 3.22.16: the short name is an alias of the Qgis.* member there), and the
# layer-type constants, which QGIS 3.30 moved to Qgis.LayerType (not in 3.22): isinstance() works on
# every release.
QGIS_REPLACED = {
    "QgsGeometry.ValidatorQgisInternal": "Qgis.GeometryValidationEngine.QgisInternal",
    "QgsGeometry.ValidatorGeos": "Qgis.GeometryValidationEngine.Geos",
    "QgsRenderContext.TextFormatAlwaysOutlines": "Qgis.TextRenderFormat.AlwaysOutlines",
    "QgsRenderContext.TextFormatAlwaysText": "Qgis.TextRenderFormat.AlwaysText",
    "QgsMapLayer.VectorLayer": "isinstance(layer, QgsVectorLayer)",
    "QgsMapLayer.RasterLayer": "isinstance(layer, QgsRasterLayer)",
    "QgsMapLayer.PluginLayer": "isinstance(layer, QgsPluginLayer)",
    "QgsMapLayer.MeshLayer": "isinstance(layer, QgsMeshLayer)",
    "QgsMapLayer.VectorTileLayer": "isinstance(layer, QgsVectorTileLayer)",
    "QgsMapLayer.AnnotationLayer": "isinstance(layer, QgsAnnotationLayer)",
    "QgsMapLayer.PointCloudLayer": "isinstance(layer, QgsPointCloudLayer)",
    "QgsMapLayerType.VectorLayer": "isinstance(layer, QgsVectorLayer)",
    "QgsMapLayerType.RasterLayer": "isinstance(layer, QgsRasterLayer)",
    # from QGIS 3.38 the short name is Qgis.LabelPredefinedPointPosition.OverPoint, not a placement;
    # QgsPalLayerSettings.Placement (Qgis.LabelPlacement from 3.26) has OverPoint on every release
    "QgsPalLayerSettings.OverPoint": "QgsPalLayerSettings.Placement.OverPoint",
}
# The Qgis.* scoped enums of QGIS 3.22.16 (dir(Qgis)): a short name aliasing a member of one of them,
# if not listed above, is found at run time and flagged all the same.
QGIS_322_SCOPED_ENUMS = frozenset(
    """
    AnnotationItemEditOperationResult AnnotationItemFlag AnnotationItemGuiFlag AnnotationItemNodeType
    BabelCommandFlag BabelFormatCapability BrowserDirectoryMonitoring BrowserItemCapability
    BrowserItemState BrowserItemType BrowserLayerType BufferSide ContentStatus DataType DriveType
    EndCapStyle FeatureCountState FileOperationFlag FilePathType GeometryOperationResult
    GeometryValidationEngine GeometryValidityFlag GpsFeatureType GpsQualityIndicator HttpMethod
    JoinStyle MapLayerProperty MapSettingsFlag MeshEditingErrorType MessageLevel PythonMacroMode
    RasterPipeInterfaceRole RasterResamplingStage RasterTemporalMode RenderContextFlag
    RenderSubcomponentProperty ScaleMethod SelectBehavior SpatialFilterType SqlKeywordCategory
    SqlLayerDefinitionCapability SublayerFlag SublayerPromptMode SublayerQueryFlag SymbolFlag
    SymbolLayerFlag SymbolPreviewFlag SymbolRenderHint SymbolType TemporalIntervalMatchMethod
    TextRenderFormat TransformDirection UnplacedLabelVisibility VectorDataProviderTemporalMode
    VectorEditResult VectorExportResult VectorTemporalLimitMode VectorTemporalMode VertexMarkerType
    VertexType""".split()
)

# Short names the code still uses although QGIS deprecates them: QGIS 3.44 monkey-patches each as an
# alias of the scoped member shown, whose enum came after QGIS 3.22 (the release in brackets), so the
# replacement would break our oldest supported QGIS. They work on QGIS 3.22-3.44 and, as aliases, on
# QGIS 4. (Read from the `QgsX.Name = Qgis.Enum.Member` lines and `versionadded` notes of
# qgis/core/__init__.py of QGIS 3.44.) On a newer QGIS, an alias missing here fails the test.
QGIS_NOT_YET_REPLACEABLE = {
    "QgsStringUtils.AllUppercase": "Qgis.Capitalization.AllUppercase (3.24)",
    "QgsPalLayerSettings.AroundPoint": "Qgis.LabelPlacement.AroundPoint (3.26)",
    "QgsSnappingConfig.AdvancedConfiguration": "Qgis.SnappingMode.AdvancedConfiguration (3.26)",
    "QgsSnappingConfig.SegmentFlag": "Qgis.SnappingType.Segment (3.26)",
    "QgsSnappingConfig.VertexFlag": "Qgis.SnappingType.Vertex (3.26)",
    "QgsUnitTypes.DistanceKilometers": "Qgis.DistanceUnit.Kilometers (3.30)",
    "QgsUnitTypes.DistanceMeters": "Qgis.DistanceUnit.Meters (3.30)",
    "QgsUnitTypes.LayoutMillimeters": "Qgis.LayoutUnit.Millimeters (3.30)",
    "QgsUnitTypes.RenderMillimeters": "Qgis.RenderUnit.Millimeters (3.30)",
    "QgsUnitTypes.RenderPoints": "Qgis.RenderUnit.Points (3.30)",
    "QgsEditFormConfig.TabLayout": "Qgis.AttributeFormLayout.DragAndDrop (3.32)",
    "QgsTolerance.Pixels": "Qgis.MapToolUnit.Pixels (3.32)",
    "QgsMapLayerProxyModel.PolygonLayer": "Qgis.LayerFilter.PolygonLayer (3.34)",
    "QgsFeatureRequest.ExactIntersect": "Qgis.FeatureRequestFlag.ExactIntersect (3.36)",
    "QgsFeatureRequest.NoGeometry": "Qgis.FeatureRequestFlag.NoGeometry (3.36)",
    "QgsProcessing.TypeVectorPoint": "Qgis.ProcessingSourceType.VectorPoint (3.36)",
    "QgsProcessing.TypeVectorPolygon": "Qgis.ProcessingSourceType.VectorPolygon (3.36)",
    "QgsProcessingAlgorithm.FlagNoThreading": "Qgis.ProcessingAlgorithmFlag.NoThreading (3.36)",
    "QgsProcessingParameterNumber.Integer": "Qgis.ProcessingNumberParameterType.Integer (3.36)",
    "QgsScaleBarSettings.SegmentSizeFitWidth": "Qgis.ScaleBarSegmentSizeMode.FitWidth (3.40)",
    "QgsScaleBarSettings.SegmentSizeFixed": "Qgis.ScaleBarSegmentSizeMode.Fixed (3.40)",
    "QgsLegendStyle.Group": "Qgis.LegendComponent.Group (3.42)",
    "QgsLegendStyle.Subgroup": "Qgis.LegendComponent.Subgroup (3.42)",
    "QgsLegendStyle.Symbol": "Qgis.LegendComponent.Symbol (3.42)",
    "QgsLegendStyle.SymbolLabel": "Qgis.LegendComponent.SymbolLabel (3.42)",
    "QgsLegendStyle.Title": "Qgis.LegendComponent.Title (3.42)",
}

# Short names with a scoped replacement after 3.22 that remix_plugin/core/base/qgis_compat.py gives on every
# version (GeometryType, WkbType): allowed there only.
QGIS_COMPAT = {
    "QgsWkbTypes.LineGeometry": "qgis_compat: Qgis.GeometryType.Line (3.30)",
    "QgsWkbTypes.NullGeometry": "qgis_compat: Qgis.GeometryType.Null (3.30)",
    "QgsWkbTypes.PointGeometry": "qgis_compat: Qgis.GeometryType.Point (3.30)",
    "QgsWkbTypes.PolygonGeometry": "qgis_compat: Qgis.GeometryType.Polygon (3.30)",
    "QgsWkbTypes.UnknownGeometry": "qgis_compat: Qgis.GeometryType.Unknown (3.30)",
    "QgsWkbTypes.GeometryCollection": "qgis_compat: Qgis.WkbType.GeometryCollection (3.30)",
    "QgsWkbTypes.MultiPolygon": "qgis_compat: Qgis.WkbType.MultiPolygon (3.30)",
    "QgsWkbTypes.Point": "qgis_compat: Qgis.WkbType.Point (3.30)",
}
COMPAT_MODULE = Path("remix_plugin/core/base/qgis_compat.py")

Use = namedtuple("Use", "path line name")


def _source_files():
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "node_modules" not in path.parts:
                yield path


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def _qt_module(module: str):
    """'qgis.PyQt.QtCore' -> 'QtCore'; 'qgis.PyQt' -> ''; anything else -> None."""
    for package in QT_PACKAGES:
        if module == package:
            return ""
        if module.startswith(package + "."):
            return module[len(package) + 1 :]
    return None


class _Collector(ast.NodeVisitor):
    """Qt and QGIS names of one file: imports, and the attribute chains hung on imported names."""

    def __init__(self, path: Path):
        self.path = path
        self.qt_aliases = {}  # local name -> dotted PyQt path ('QtCore.Qt')
        self.qgis_aliases = {}  # local name -> QGIS class name ('QgsWkbTypes')
        self.qt_uses = []  # Use(path, line, 'QtCore.Qt.AlignmentFlag.AlignLeft')
        self.qgis_uses = []
        self.exec_calls = []
        self.guarded = set()  # Qt6-only imports in a `try:` with a Qt5 fallback (QtGui.QAction, ...)
        self._fallback_depth = 0
        self._guarded_depth = 0

    def visit_Try(self, node):
        guarded = any(_catches_import_error(h) for h in node.handlers)
        self._guarded_depth += guarded
        for statement in node.body:
            self.visit(statement)
        self._guarded_depth -= guarded
        for handler in node.handlers:
            fallback = _catches_import_error(handler)
            self._fallback_depth += fallback
            self.visit(handler)
            self._fallback_depth -= fallback
        for statement in node.orelse + node.finalbody:
            self.visit(statement)

    def visit_ImportFrom(self, node):
        module = node.module or ""
        qt = _qt_module(module)
        for alias in node.names:
            local = alias.asname or alias.name
            if qt is not None:
                if self._fallback_depth:  # the Qt5 fallback of a guarded import
                    continue
                dotted = f"{qt}.{alias.name}" if qt else alias.name
                self.qt_aliases.setdefault(local, dotted)
                self.qt_uses.append(Use(self.path, node.lineno, dotted))
                if self._guarded_depth:
                    self.guarded.add(self.qt_uses[-1])
            elif module in QGIS_MODULES:
                self.qgis_aliases[local] = alias.name

    def visit_Import(self, node):
        for alias in node.names:
            qt = _qt_module(alias.name)
            if qt and alias.asname and not self._fallback_depth:
                self.qt_aliases.setdefault(alias.asname, qt)
                self.qt_uses.append(Use(self.path, node.lineno, qt))

    def visit_Attribute(self, node):
        if node.attr == "exec_" and isinstance(getattr(node, "parent", None), ast.Call) and node.parent.func is node:
            self.exec_calls.append(Use(self.path, node.lineno, ".exec_()"))
        self.generic_visit(node)

    def scan(self, tree):
        """Imports, then the attribute chains rooted at an imported name (Qt.AlignmentFlag.AlignLeft)."""
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                child.parent = node
        self.visit(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)):
                continue
            attrs, top = [], node
            while isinstance(getattr(top, "parent", None), ast.Attribute) and top.parent.value is top:
                top = top.parent
                attrs.append(top.attr)
            # `import qgis.PyQt.QtCore` style: qgis.PyQt.QtCore.Qt.AlignLeft
            dotted = ".".join([node.id] + attrs)
            for package in QT_PACKAGES:
                if dotted.startswith(package + ".") and node.id not in self.qt_aliases:
                    rest = dotted[len(package) + 1 :]
                    if rest:
                        self.qt_uses.append(Use(self.path, node.lineno, rest))
            if node.id in self.qt_aliases and attrs:
                self.qt_uses.append(Use(self.path, node.lineno, ".".join([self.qt_aliases[node.id]] + attrs)))
            if node.id in self.qgis_aliases and attrs:
                self.qgis_uses.append(Use(self.path, node.lineno, ".".join([self.qgis_aliases[node.id]] + attrs)))


def collect():
    """The Qt uses, QGIS uses, .exec_() calls and guarded Qt6-only imports of the project's files."""
    qt_uses, qgis_uses, exec_calls, guarded = [], [], [], set()
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        collector = _Collector(path.relative_to(ROOT))
        collector.scan(tree)
        qt_uses += collector.qt_uses
        qgis_uses += collector.qgis_uses
        exec_calls += collector.exec_calls
        guarded |= collector.guarded
    return qt_uses, qgis_uses, exec_calls, guarded


# Run by a Python of its own: reads dotted names, prints those that don't resolve under the module
# prefix given (PyQt6 of .venv-qt6, or qgis.PyQt of the QGIS the tests run on).
_RESOLVE = r"""
import importlib, json, sys
missing = []
for dotted in json.load(sys.stdin):
    parts = dotted.split(".")
    try:
        obj = importlib.import_module(sys.argv[1] + parts[0])
        for part in parts[1:]:
            obj = getattr(obj, part)
    except (ImportError, AttributeError):
        missing.append(dotted)
print(json.dumps(missing))
"""


def _missing(python, prefix, names, env=None):
    result = subprocess.run(
        [str(python), "-c", _RESOLVE, prefix],
        input=json.dumps(sorted(names)),
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, f"{python} failed:\n{result.stderr}"
    return set(json.loads(result.stdout))


def _missing_in_pyqt6(names):
    if not QT6_PYTHON.exists():
        pytest.fail(
            f"{QT6_PYTHON.relative_to(ROOT)} is missing: run scripts/setup.sh (or `make setup`) to "
            "make the PyQt6 venv this check needs.",
            pytrace=False,
        )
    return _missing(QT6_PYTHON, "PyQt6.", names, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})


def _missing_here(names):
    """The names that don't resolve in the Qt the tests run on (qgis.PyQt: PyQt5 on QGIS 3)."""
    return _missing(sys.executable, "qgis.PyQt.", names, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def _checked(use):
    return not QT6_EXCEPTION.match(use.name)


def _report(uses):
    return "\n".join(f"  {u.path}:{u.line} {u.name}" for u in sorted(uses))


@pytest.fixture(scope="module")
def uses():
    return collect()


def test_the_walk_finds_the_qt_and_qgis_names(uses):
    qt_uses, qgis_uses, _, _ = uses
    names = {u.name for u in qt_uses}
    assert {"QtCore.Qt", "QtWidgets.QDialog", "uic"} <= names
    assert any(n.startswith("QtCore.Qt.") for n in names)
    assert any(u.name.startswith("QgsWkbTypes.") for u in qgis_uses)


def test_every_qt_name_exists_in_pyqt6(uses):
    qt_uses, _, exec_calls, _ = uses
    checked = [u for u in qt_uses if _checked(u)]
    missing = _missing_in_pyqt6({u.name for u in checked})
    bad = [u for u in checked if u.name in missing] + exec_calls
    if bad:
        pytest.fail(
            "Qt names that PyQt6 (QGIS 4) does not have: write enums in full (Qt.AlignmentFlag.AlignLeft, "
            "QSizePolicy.Policy.Expanding, ...), exec() for exec_():\n" + _report(bad),
            pytrace=False,
        )


def test_every_qt_name_exists_in_this_qt(qgis_app, uses):
    """The full names work on QGIS 3's PyQt5 too (imports guarded by `except ImportError` aside)."""
    qt_uses, _, _, guarded = uses
    checked = [u for u in qt_uses if _checked(u) and u not in guarded]
    missing = _missing_here({u.name for u in checked})
    bad = [u for u in checked if u.name in missing]
    if bad:
        pytest.fail("Qt names missing from this machine's qgis.PyQt:\n" + _report(bad), pytrace=False)


def _qgis_value(dotted):
    import qgis.core
    import qgis.gui

    parts = dotted.split(".")
    obj = getattr(qgis.core, parts[0], None) or getattr(qgis.gui, parts[0], None)
    for part in parts[1:]:
        obj = getattr(obj, part, None)
    return obj


def test_no_deprecated_qgis_short_enum_names(qgis_app, uses):
    _, qgis_uses, _, _ = uses
    bad = []
    for use in qgis_uses:
        short = ".".join(use.name.split(".")[:2])
        if short in QGIS_REPLACED:
            bad.append(f"  {use.path}:{use.line} {short} -> {QGIS_REPLACED[short]}")
            continue
        if short in QGIS_COMPAT:
            if Path(use.path) != COMPAT_MODULE:
                bad.append(f"  {use.path}:{use.line} {short} -> {QGIS_COMPAT[short]} (from {COMPAT_MODULE})")
            continue
        if short in QGIS_NOT_YET_REPLACEABLE or short.startswith("Qgis."):
            continue
        # any other alias of a Qgis.* scoped enum
        value = _qgis_value(short)
        scope = type(value).__qualname__.split(".")
        if isinstance(value, enum.Enum) and scope[0] == "Qgis":
            scoped = f"Qgis.{scope[-1]}.{value.name}"
            if scope[-1] in QGIS_322_SCOPED_ENUMS:
                bad.append(f"  {use.path}:{use.line} {short} -> {scoped}")
            else:  # seen on a QGIS newer than 3.22
                bad.append(
                    f"  {use.path}:{use.line} {short}: alias of {scoped}, after QGIS 3.22: "
                    "add it to QGIS_NOT_YET_REPLACEABLE"
                )
    if bad:
        pytest.fail("QGIS short enum names deprecated in favour of scoped names:\n" + "\n".join(bad), pytrace=False)


def test_the_replacements_exist_on_this_qgis(qgis_app):
    for replacement in QGIS_REPLACED.values():
        if replacement.startswith("Qgis."):
            assert _qgis_value(replacement) is not None, replacement


if __name__ == "__main__":  # python tests/unit/test_qt6_names.py: the names, one a line
    qt, qgis_names, execs, _ = collect()
    for use in sorted(qt + qgis_names + execs):
        print(f"{use.path}:{use.line} {use.name}")
    sys.exit(0)
