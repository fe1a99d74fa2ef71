"""CMM print layouts: the .qpt templates (layouts, layout_install), the legend, the export of a map, an
atlas of Comuni or Zone, and a map rendered to PNG. Imports the layers below it, never `infobox`."""
