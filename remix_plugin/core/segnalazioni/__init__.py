"""Segnalazioni from the Comuni: the schema, the local store, geometry checks, layers and forms, the
central PostGIS store and the sync with it, conflicts, nearby features and exports. Imports up to
`printing`, never `pgt`."""
