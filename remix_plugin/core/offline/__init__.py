"""Offline packages for field tablets: a folder with its project, data, segnalazioni store and basemap,
written or updated whole or not at all. The top of the core: it may import every other capability."""
