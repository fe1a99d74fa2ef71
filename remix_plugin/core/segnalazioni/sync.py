"""Two-way sync of segnalazioni between a local GeoPackage and the central PostGIS store.

Push, then pull, in batches; each batch is one central transaction and then one local (SQLite)
transaction, and each step is idempotent, so a sync killed at any point is simply run again:

- push: every row changed here (`modificata`) and every tombstone goes up with its change id.
  Central revision equal to the row's base revision: applied. Central row already carrying this
  change id: an earlier, interrupted sync applied it — only the local bookkeeping is finished.
  Anything else means both sides changed: the central version wins and the local one is kept,
  whole, as a conflict record (locally and centrally) for a person to resolve. A deletion on
  one side and an edit on the other is such a conflict too.
- pull: every central row written after the last revision pulled (`ultimo_rev`) comes down,
  unless it is changed here (the next push settles it) or already in step.

`create_local_store` + `sync` are all an offline package needs.
"""

import socket
import uuid as uuidlib
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from qgis.PyQt.QtCore import QLockFile

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.base.staging import checkpoint
from remix_plugin.core.segnalazioni.central import CentralStore, conflict_json
from remix_plugin.core.segnalazioni.store import (
    LocalStore,
    Row,
    Tombstone,
    check_local_store,
    create_local_store,
    now_iso,
)

BATCH = 500
SCOPE_KEY = "ambito_comuni"  # meta: the ISTAT codes a package's store keeps to ("-": none), absent: all
REFUSED_REV = 0  # rev_centrale of a row the central store refused and never held: in step, never resent
CONFLICT_NAMESPACE = uuidlib.UUID("5b0e7a36-6f0c-4a55-9d1e-0a7c2b3c9e11")
CONFLICT_TEXT = {
    "modifica_modifica": "«{titolo}» è stata modificata su questo dispositivo e nell'archivio centrale dall'ultima "
    "sincronizzazione: tenuta la versione centrale, la versione locale è conservata qui.",
    "modifica_eliminazione": "«{titolo}» è stata modificata su questo dispositivo ma eliminata nell'archivio "
    "centrale: tenuta l'eliminazione, la versione locale è conservata qui.",
    "eliminazione_modifica": "«{titolo}» è stata eliminata su questo dispositivo ma modificata nell'archivio "
    "centrale: ripristinata la versione centrale, la versione eliminata è conservata qui.",
}


@dataclass
class SyncReport:
    local: str
    central: str
    sent_new: int = 0
    sent_changed: int = 0
    sent_deleted: int = 0
    recovered: int = 0  # changes an interrupted sync had already applied centrally
    received_new: int = 0
    received_changed: int = 0
    received_deleted: int = 0
    conflicts: List[str] = field(default_factory=list)
    refused: List[str] = field(default_factory=list)  # versions the central store's rules did not let in
    hidden: int = 0  # rows kept here that this login may no longer read centrally
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return any(
            (
                self.sent_new,
                self.sent_changed,
                self.sent_deleted,
                self.recovered,
                self.received_new,
                self.received_changed,
                self.received_deleted,
                self.conflicts,
                self.refused,
            )
        )

    def summary(self) -> str:
        if not self.changed:
            text = f"Segnalazioni già allineate con l'archivio centrale {self.central}: nessuna modifica."
        else:
            text = (
                f"Sincronizzazione con {self.central}: inviate {self.sent_new} nuove, {self.sent_changed} modificate, "
                f"{self.sent_deleted} eliminate; ricevute {self.received_new} nuove, {self.received_changed} "
                f"modificate, {self.received_deleted} eliminate."
            )
            if self.recovered:
                text += f" Completate {self.recovered} modifiche di una sincronizzazione interrotta."
            if self.conflicts:
                text += f" Conflitti da risolvere: {len(self.conflicts)}."
            if self.refused:
                text += (
                    f" Non autorizzate dall'archivio centrale: {len(self.refused)} (tornate alla versione centrale; "
                    "la versione locale è conservata tra i conflitti)."
                )
        if self.hidden:
            text += f" Non più visibili nell'archivio centrale: {self.hidden} (conservate qui)."
        return text + (" Interrotta dall'utente: riprenderà alla prossima sincronizzazione." if self.cancelled else "")


def sync(local_path, central: str, feedback=None, batch_size: int = BATCH, scope=None) -> SyncReport:
    """Sync `local_path` (created and filled from the central store if it does not exist) with `central`.
    `scope` (ISTAT codes): this store only ever holds those Comuni's segnalazioni (a tablet's package); it is
    remembered in the store, so every later sync of it keeps to it."""
    path = Path(local_path)
    if path.exists():
        check_local_store(path)  # a wrong local file is refused before the central store is touched
    with _only_sync(path), CentralStore(central) as store:
        create_local_store(path)
        with LocalStore(path) as local:
            report = SyncReport(str(path), store.where)
            _bind(local, store, scope)
            _push(local, store, report, feedback, batch_size)
            if not report.cancelled:
                _pull(local, store, report, feedback, batch_size)
            if not report.cancelled:
                _mark_hidden(local, store, report)
    log.log(report.summary())
    return report


@contextmanager
def _only_sync(path: Path):
    """One sync of a store at a time (two at once lock each other out of the file, or send every row
    twice): a lock file beside the store, held by this process; one left by a process that is gone
    does not count (QLockFile checks)."""
    lock = QLockFile(f"{path}.sincronizzazione")
    if not lock.tryLock(0):
        raise RemixError(
            f"Sincronizzazione già in corso su questo archivio «{path.name}»: attendere che finisca. "
            "Nessun dato è stato modificato."
        )
    try:
        yield
    finally:
        lock.unlock()


def _bind(local: LocalStore, store: CentralStore, scope) -> None:
    if scope is not None and not local.meta().get(SCOPE_KEY):
        with local.transaction():
            local.set_meta(SCOPE_KEY, ",".join(sorted(scope)) or "-")
    bound = local.meta().get("archivio_centrale")
    if bound and bound != store.id:
        raise RemixError(
            f"L'archivio locale «{local.path.name}» è già sincronizzato con un altro archivio centrale "
            f"(identificativo {bound}), non con {store.where}: usare un altro file locale. "
            "Nessun dato è stato modificato."
        )
    if not bound:
        with local.transaction():
            local.set_meta("archivio_centrale", store.id)


def _checkpoint(name: str, number: int) -> None:
    """«<name>:<batch>»: where a kill test can hold the sync."""
    checkpoint(f"{name}:{number}")


def _cancelled(feedback, report: SyncReport) -> bool:
    if feedback is not None and feedback.isCanceled():
        report.cancelled = True
    return report.cancelled


def _progress(feedback, value: float) -> None:
    if feedback is not None:
        feedback.setProgress(value)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


# --- push -----------------------------------------------------------------------------------------


def _push(local: LocalStore, store: CentralStore, report: SyncReport, feedback, batch_size: int) -> None:
    items: List[Tuple[str, Optional[Row], Optional[Tombstone]]] = [
        (row.uuid, row, None) for row in local.changed_rows()
    ]
    items += [(tomb.uuid, None, tomb) for tomb in local.tombstones()]
    sent_before = local.sent_changes()  # by a sync killed between the central and the local commit
    for number, (start, batch) in enumerate(_chunks(items, batch_size), 1):
        if _cancelled(feedback, report):
            return
        with local.transaction():
            local.note_sent([(uuid, (row or tomb).change_id) for uuid, row, tomb in batch])
        plan = _push_central(store, batch, number, sent_before)
        _checkpoint("push-central-committed", number)
        _push_local(local, plan, report)
        _checkpoint("push-local-committed", number)
        _progress(feedback, 50.0 * (start + len(batch)) / len(items))


@dataclass
class _Plan:
    synced: list = field(default_factory=list)  # (row, rev, kind) kind: new | changed | recovered
    tombs_done: list = field(default_factory=list)  # (tomb, deleted centrally now?)
    conflicts: list = field(default_factory=list)  # (kind, loser Row, tomb or None, winner Row or None, record)


def _push_central(store: CentralStore, batch: list, number: int, sent_before: Dict[str, str]) -> _Plan:
    plan = _Plan()
    with store.transaction() as cur:
        state = store.states(cur, [uuid for uuid, _, _ in batch])
        inserts, updates, deletes, losers = [], [], [], []
        for uuid, row, tomb in batch:
            central = state.get(uuid)  # (table, rev, change id, deleted)
            if row is not None:
                if central is None:
                    inserts.append(row)
                elif central[2] == row.change_id:
                    plan.synced.append((row, central[1], "recovered"))
                elif central[1] == row.rev and central[0] == row.table:
                    updates.append(row)
                elif central[2] == sent_before.get(uuid) and central[0] == row.table and not central[3]:
                    updates.append(replace(row, rev=central[1]))  # on top of our own change, sent before a kill
                else:
                    losers.append(("modifica_eliminazione" if central[3] else "modifica_modifica", row, None))
            elif central is None or central[3] or central[2] == tomb.change_id:
                plan.tombs_done.append((tomb, False))  # never reached the centre, or already deleted there
            elif central[1] == tomb.rev:
                deletes.append(tomb)
            else:
                losers.append(("eliminazione_modifica", tomb.row, tomb))
        refused: Dict[str, Tuple[Row, Optional[Tombstone], str]] = {}
        for kind, write, items in (("new", store.insert, inserts), ("changed", store.update, updates)):
            revs, no = store.guarded(cur, write, items)
            plan.synced += [(row, revs[row.uuid], kind) for row in items if row.uuid in revs]
            refused.update({row.uuid: (row, None, no[row.uuid]) for row in items if row.uuid in no})
        revs, no = store.guarded(cur, store.mark_deleted, deletes)
        plan.tombs_done += [(tomb, True) for tomb in deletes if tomb.uuid in revs]
        refused.update({tomb.uuid: (tomb.row, tomb, no[tomb.uuid]) for tomb in deletes if tomb.uuid in no})
        winners = store.rows(cur, [row.uuid for _, row, _ in losers] + list(refused)) if losers or refused else {}
        for kind, row, tomb in losers:
            winner = winners[row.uuid]
            plan.conflicts.append((kind, row, tomb, winner, _conflict_record(kind, row, winner)))
        for uuid, (row, tomb, reason) in refused.items():  # the rules said no: the central version stays
            held = winners.get(uuid)  # None: none this login may read
            record = _conflict_record("non_autorizzata", row, held, reason)
            plan.conflicts.append(("non_autorizzata", row, tomb, held, record))
        store.add_conflicts(cur, [c[4] for c in plan.conflicts])
        _checkpoint("push-central-pending", number)
    return plan


def _conflict_record(kind: str, loser: Row, winner: Optional[Row], reason: str = "") -> dict:
    title = loser.data.get("titolo") or loser.uuid
    if kind == "non_autorizzata":
        comune = (winner or loser).data.get("comune") or (winner or loser).data.get("comune_istat")
        why = reason.split("non autorizzata: ", 1)[-1].split(" CONTEXT:", 1)[0].rstrip(".")
        text = (
            f"non autorizzata: segnalazione del Comune di {comune} «{title}» ({why}): "
            + ("tenuta la versione centrale" if winner is not None else "non inviata")
            + ", la versione locale è conservata qui."
        )
    else:
        text = CONFLICT_TEXT[kind].format(titolo=title)
    return {
        "id": str(uuidlib.uuid5(CONFLICT_NAMESPACE, f"{loser.uuid}:{loser.change_id}")),
        "uuid": loser.uuid,
        "tabella": loser.table,
        "tipo": kind,
        "descrizione": text,
        "versione_persa": conflict_json(loser),
        "rev_vincente": winner.rev if winner is not None else None,
        "dispositivo": socket.gethostname(),
        "creato_il": now_iso(),
    }


def _push_local(local: LocalStore, plan: _Plan, report: SyncReport) -> None:
    with local.transaction():
        local.forget_sent(
            [row.uuid for row, _, _ in plan.synced]
            + [tomb.uuid for tomb, _ in plan.tombs_done]
            + [loser.uuid for _, loser, _, _, _ in plan.conflicts]
        )
        for row, rev, kind in plan.synced:
            local.mark_synced(row.table, row.fid, row.change_id, rev)
            if kind == "new":
                report.sent_new += 1
            elif kind == "changed":
                report.sent_changed += 1
            else:
                report.recovered += 1
        for tomb, deleted in plan.tombs_done:
            local.drop_tombstone(tomb.fid)
            report.sent_deleted += deleted
        for kind, loser, tomb, winner, record in plan.conflicts:
            if tomb is not None:  # deleted here, edited or kept there: the central version comes back
                local.drop_tombstone(tomb.fid)
                if winner is not None:
                    local.put(winner, winner.rev)
            elif local.change_id(loser.table, loser.fid) != loser.change_id:
                continue  # edited again during this sync: the next sync settles it, with that newer version
            elif winner is None:  # refused, and no central version this login may read: kept here, not resent
                local.mark_synced(loser.table, loser.fid, loser.change_id, REFUSED_REV)
            elif winner.deleted:
                local.delete(loser.table, loser.fid, loser.uuid)
            elif winner.table != loser.table:
                local.delete(loser.table, loser.fid, loser.uuid)
                local.put(winner, winner.rev)
            else:
                local.put(winner, winner.rev, fid=loser.fid)
            local.add_conflict(record)
            (report.refused if kind == "non_autorizzata" else report.conflicts).append(record["descrizione"])


# --- pull -----------------------------------------------------------------------------------------


def _pull(local: LocalStore, store: CentralStore, report: SyncReport, feedback, batch_size: int) -> None:
    last = int(local.meta().get("ultimo_rev") or 0)
    changes = store.changes_since(last, _scope(local))
    if not changes:
        _progress(feedback, 100.0)
        return
    states = local.states()
    pending = local.pending_tombstones()
    for number, (start, batch) in enumerate(_chunks(changes, batch_size), 1):
        if _cancelled(feedback, report):
            return
        needed = [uuid for uuid, rev in batch if _needed(states.get(uuid), uuid in pending, rev)]
        rows = store.fetch(needed) if needed else {}
        with local.transaction():
            for uuid in needed:
                if uuid in rows:
                    _apply(local, rows[uuid], states.get(uuid), report)
            local.set_meta("ultimo_rev", str(max(rev for _, rev in batch)))
            _checkpoint("pull-local-pending", number)
        _progress(feedback, 50.0 + 50.0 * (start + len(batch)) / len(changes))


def _needed(state, tombstone_pending: bool, rev: int) -> bool:
    if tombstone_pending:
        return False  # deleted here: the next push settles it
    if state is None:
        return True
    _, _, local_rev, changed = state
    return not changed and local_rev != rev


def _apply(local: LocalStore, row: Row, state, report: SyncReport) -> None:
    if state is not None and local.is_changed(state[0], state[1]):
        return  # edited here while this sync ran: the next push settles it
    if row.deleted:
        if state is not None:
            local.delete(state[0], state[1], row.uuid)
            report.received_deleted += 1
        return
    if state is None:
        local.put(row, row.rev)
        report.received_new += 1
    elif state[0] != row.table:
        local.delete(state[0], state[1], row.uuid)
        local.put(row, row.rev)
        report.received_changed += 1
    else:
        local.put(row, row.rev, fid=state[1])
        report.received_changed += 1


def _mark_hidden(local: LocalStore, store: CentralStore, report: SyncReport) -> None:
    """Rows once in step that this login may no longer read centrally (moved on by the istruttoria, say):
    kept here and marked, never deleted; the mark goes when they are readable again."""
    visible = store.visible(_scope(local))
    hidden = [
        uuid
        for uuid, (_, _, rev, changed) in local.states().items()
        if rev and rev > 0 and not changed and uuid not in visible
    ]
    with local.transaction():
        local.set_hidden(hidden)
    report.hidden = len(hidden)


def _scope(local: LocalStore):
    kept = local.meta().get(SCOPE_KEY)
    return None if not kept else [code for code in kept.split(",") if code != "-"]
