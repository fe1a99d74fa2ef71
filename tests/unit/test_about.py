"""metadata.txt is the single source of name and version, and holds what qgis-plugin-ci needs."""

import configparser

from remix_plugin import __about__
from remix_plugin.core.base import paths


def test_about_reads_metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(paths.METADATA, encoding="utf-8")
    general = parser["general"]
    assert __about__.__title__ == general["name"] == "RE.MIX for QGIS"
    assert __about__.__version__ == general["version"]
    assert __about__.__qgis_minimum_version__ == "3.22"


def test_metadata_has_the_keys_qgis_plugin_ci_requires():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(paths.METADATA, encoding="utf-8")
    for key in ("name", "about", "description", "qgisMinimumVersion", "tracker", "repository", "version", "icon"):
        assert parser["general"].get(key), key
    assert (paths.ROOT / parser["general"]["icon"]).exists()
