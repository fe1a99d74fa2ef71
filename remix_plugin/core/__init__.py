"""The plugin's logic: plain functions over QGIS objects, no widgets."""
