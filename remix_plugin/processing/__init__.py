"""The Processing face: the "RE.MIX" provider, so operations run in models and in qgis_process."""
