"""RE.MIX for QGIS: Città metropolitana di Milano's urban-regeneration portal in QGIS Desktop."""


def classFactory(iface):
    """QGIS entry point; imports stay inside so `python -m remix_plugin` never loads the GUI."""
    from remix_plugin.plugin import RemixPlugin

    return RemixPlugin(iface)
