"""The portal's layer catalogue as data: the model read from catalogue.json, its update from CMM's
URL, the sources each layer is built from, the LUM buffers, the two maps placed in the layer tree and
the help guide. Imports `base`, `data`, `scope`, `indicators`."""
