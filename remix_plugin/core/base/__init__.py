"""The ground every capability stands on: errors, the one logger, typed settings, paths, translation,
tasks, HTTP through QGIS's network stack, field values, folder staging and the one place that knows
QGIS versions apart (qgis_compat). It imports nothing of the plugin but itself and `remix_plugin.__about__`."""
