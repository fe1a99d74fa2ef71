"""The CMM map sheets in QGIS's own «Nuovo layout da modello» list (Gestione layout).

QGIS lists the `.qpt` files of the profile's `composer_templates` folder. While the plugin is loaded,
that folder holds a copy of each map sheet of print_layouts/, named «RE-MIX <sheet>.qpt», with its
pictures (the CMM logo, the RE.MIX mark) pointing at this installation. The rule:
- loading the plugin writes a copy only when it is missing or differs (a new version of the plugin,
  a plugin folder that moved), so starting QGIS normally writes nothing;
- unloading it (plugin disabled, uninstalled, QGIS closed) removes the copies still as written; a copy
  someone changed since is theirs and stays.
The Scheda comunale and the segnalazione sheet are not listed: their content comes from the plugin.
"""

from pathlib import Path
from typing import Dict

from qgis.core import QgsApplication

from remix_plugin.core.base import log
from remix_plugin.core.base.errors import RemixError
from remix_plugin.core.printing import layouts
from remix_plugin.core.printing.export import MAP, templates

PREFIX = "RE-MIX "  # QGIS shows the file name up to its first dot: no "RE.MIX" here


def folder() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / "composer_templates"


def install() -> Dict[Path, str]:
    """Copy the map sheets into the profile; returns what each copy holds (for `remove`)."""
    installed = {}
    for sheet in templates(kind=MAP):
        target = folder() / f"{PREFIX}{sheet.name.replace('_', ' ')}.qpt"
        try:
            text = layouts.read_template(sheet.path).toString(1)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(f".{target.name}.parziale")
                partial.write_text(text, encoding="utf-8")
                partial.replace(target)
        except (OSError, RemixError) as exc:
            log.warning(
                f"Modello di stampa «{sheet.name}» non aggiunto ai modelli di QGIS: "
                f"{getattr(exc, 'message', None) or exc}"
            )
            continue
        installed[target] = text
    return installed


def remove(installed: Dict[Path, str]) -> None:
    """Remove the copies `install` wrote, unless changed since."""
    for target, text in installed.items():
        try:
            if target.is_file() and target.read_text(encoding="utf-8") == text:
                target.unlink()
        except OSError as exc:
            log.warning(f"Modello «{target.name}» non rimosso dai modelli di QGIS: {exc}")
