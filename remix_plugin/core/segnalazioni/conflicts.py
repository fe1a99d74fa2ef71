"""Conflict records left by sync, and their resolution by a person.

A conflict keeps the losing version whole. Resolving it either keeps what sync chose (the
central version) or brings the local version back as a new local change, based on the central
revision it lost to, so the next sync sends it without a new conflict.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.segnalazioni.store import CONFLICTS, LocalStore, Row, now_iso

KEEP_CENTRAL, KEEP_LOCAL = "versione centrale", "versione locale"


@dataclass
class Conflict:
    id: str
    uuid: str
    table: str
    kind: str  # modifica_modifica | modifica_eliminazione | eliminazione_modifica | non_autorizzata
    description: str
    lost: Row  # the losing version
    winner_rev: Optional[int]
    created: str
    resolved: str  # '' while open


def conflicts(path, open_only: bool = True) -> List[Conflict]:
    with LocalStore(path) as store:
        layer = store.ds.GetLayerByName(CONFLICTS)
        layer.ResetReading()
        found = [_conflict(f) for f in layer]
    return [c for c in found if not (open_only and c.resolved)]


def _conflict(feature) -> Conflict:
    saved = json.loads(feature["versione_persa"])
    wkb = bytes.fromhex(saved["geometria_wkb"]) if saved.get("geometria_wkb") else None
    lost = Row(saved["tabella"], feature["uuid"], saved["campi"], wkb)
    rev = feature["rev_vincente"] if feature.IsFieldSetAndNotNull("rev_vincente") else None
    return Conflict(
        feature["id"],
        feature["uuid"],
        feature["tabella"],
        feature["tipo"],
        feature["descrizione"],
        lost,
        rev,
        feature["creato_il"] or "",
        feature["risolto_il"] or "",
    )


def resolve(path, conflict_id: str, keep_local: bool) -> None:
    """Close a conflict; with keep_local the losing version becomes the local one again (sent at the next sync)."""
    path = Path(path)
    with LocalStore(path) as store, store.transaction():
        layer = store.ds.GetLayerByName(CONFLICTS)
        feature = next((f for f in layer if f["id"] == conflict_id), None)
        layer.ResetReading()
        if feature is None or feature["risolto_il"]:
            raise RemixError(f"Conflitto «{conflict_id}» non trovato o già risolto nell'archivio «{path.name}».")
        conflict = _conflict(feature)
        if keep_local:
            _restore(store, conflict)
        feature["risolto_il"] = now_iso()
        feature["risoluzione"] = KEEP_LOCAL if keep_local else KEEP_CENTRAL
        layer.SetFeature(feature)


def _restore(store: LocalStore, conflict: Conflict) -> None:
    current = store.states().get(conflict.uuid)  # (table, fid, rev, changed)
    if conflict.kind == "eliminazione_modifica":
        if current is not None:  # delete it again, as a local change: the trigger leaves the tombstone
            store.ds.GetLayerByName(current[0]).DeleteFeature(current[1])
        return
    base = current[2] if current is not None else conflict.winner_rev
    if current is not None and current[0] != conflict.lost.table:
        store.delete(current[0], current[1], conflict.uuid)
        current = None
    store.put(conflict.lost, base, fid=current[1] if current else None, changed=True)
