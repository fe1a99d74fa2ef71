"""Name and version of the plugin, read from metadata.txt: the single source of both."""

import configparser

from remix_plugin.core.base.paths import METADATA


def _read_metadata() -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep key case (qgisMinimumVersion)
    parser.read(METADATA, encoding="utf-8")
    return dict(parser["general"])


_META = _read_metadata()
__title__ = _META["name"]
__version__ = _META["version"]
__qgis_minimum_version__ = _META["qgisMinimumVersion"]
__tracker__ = _META["tracker"]
__repository__ = _META["repository"]
__homepage__ = _META.get("homepage", "")
