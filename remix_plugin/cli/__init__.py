"""The command line: `python -m remix_plugin SUBCOMMAND ...`, a thin face over remix_plugin.core.

Each subcommand lives in its own module of this package with `register(subparsers)`, and calls the
same core functions as the GUI. Errors: one clear Italian line on stderr and exit status 1, with any
password it would quote (a --central typed with one) hidden.
"""

import argparse
import importlib
import os
import sys

from remix_plugin.__about__ import __title__, __version__
from remix_plugin.core.base.secrets import redact

# modules of this package that define subcommands, in help order
COMMANDS = [
    "catalogue",
    "project",
    "demo_pack",
    "pgt",
    "indicators",
    "segnalazioni",
    "offline",
    "infobox",
    "print_map",
    "atlas",
]


class Parser(argparse.ArgumentParser):
    """argparse quotes the arguments it refuses («unrecognized arguments: postgresql://u:pw@…»): redacted.
    Subcommands' parsers are made of the same class."""

    def error(self, message):
        super().error(redact(message))


def common_arguments() -> argparse.ArgumentParser:
    """Options every subcommand takes (as a parent parser)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data", metavar="PACK", help="pacchetto dati GeoPackage (predefinito: il pacchetto dimostrativo)"
    )
    parent.add_argument(
        "--zona", action="append", default=[], metavar="NOME", help="limita a una Zona omogenea (ripetibile)"
    )
    parent.add_argument(
        "--comune",
        action="append",
        default=[],
        metavar="NOME|ISTAT",
        help="limita a un Comune, per nome o codice ISTAT (ripetibile)",
    )
    return parent


def scope_from_args(args, pack):
    """ISTAT codes named by --zona/--comune, or None for the whole Città metropolitana."""
    from remix_plugin.core.scope.model import resolve_scope

    return resolve_scope(pack, args.zona, args.comune)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m remix_plugin", description=f"{__title__} {__version__}")
    parser.add_argument("--version", action="version", version=f"{__title__} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMANDO")
    subparsers.required = True
    parent = common_arguments()
    for name in COMMANDS:
        importlib.import_module(f"remix_plugin.cli.{name}").register(subparsers, parent)
    return parser


_app = None


def _qt_message(kind, context, message):
    """Qt's own chatter (e.g. "XDG_RUNTIME_DIR not set") stays off the terminal; real failures do not."""
    from qgis.PyQt.QtCore import QtMsgType

    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        sys.stderr.write(f"Qt: {redact(message)}\n")


def start_qgis():
    """A headless QgsApplication (once per process), with Processing's native algorithms."""
    global _app
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None:
        return QgsApplication.instance()
    from qgis.PyQt.QtCore import qInstallMessageHandler

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_qt_message)
    _app = QgsApplication([], False)
    _app.initQgis()
    use_real_font_family()
    # GDAL's Python bindings warn (from GDAL 3.9: QGIS 3.40 on) while no exception mode is chosen; the
    # plugin reads GDAL's return values, GDAL's mode until 4.0: say so, and the terminal stays clean
    from osgeo import gdal

    gdal.DontUseExceptions()
    # GDAL's own English lines («ERROR 1: database disk image is malformed») would come before the Italian
    # message that names the file: in the command line GDAL stays quiet, the plugin says what went wrong
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    return _app


def use_real_font_family():
    """Headless Qt names its default font by a fontconfig alias («DejaVu LGC Sans») that no QGIS
    Desktop lists; styles written headless (offline packages, PGT packages) would then warn «font not
    available» when opened. Name the family the alias resolves to instead."""
    from qgis.PyQt.QtCore import QT_VERSION
    from qgis.PyQt.QtGui import QFontDatabase, QFontInfo
    from qgis.PyQt.QtWidgets import QApplication

    font = QApplication.font()
    # families() is static in Qt6 (QFontDatabase can't be made there), a method of an instance in Qt5
    families = QFontDatabase.families() if QT_VERSION >= 0x60000 else QFontDatabase().families()
    if font.family() not in families:
        font.setFamily(QFontInfo(font).family())
        QApplication.setFont(font)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    start_qgis()
    from remix_plugin.core.base.errors import RemixError

    try:
        return args.handler(args) or 0
    except RemixError as exc:
        sys.stderr.write(f"errore: {redact(exc.message)}\n")
        return 1
