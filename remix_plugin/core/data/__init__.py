"""The data a map is made of, as files: the data-pack contract (datapack), the offline-package folder
contract (offline_manifest), GeoPackage plumbing (layers, gpkg_sharing, the derived store's cache),
the fast table reader and the Comuni index the indicators measure against. Imports only `base`."""
