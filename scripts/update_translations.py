"""Refresh resources/i18n/remix_{it,en}.ts from the sources, keeping translations already made.

Python: string literals passed to `tr(...)` (context "RemixPlugin", see core/base/i18n.py).
Qt Designer: every <string> of a .ui file (context = the form's class, as uic translates it).
Run: python scripts/update_translations.py   (then `make translations` compiles the .qm files)
"""

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
CONTEXT = "RemixPlugin"


def python_strings():
    for path in sorted((ROOT / "remix_plugin").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield CONTEXT, node.args[0].value, path.relative_to(ROOT)


def ui_strings():
    for path in sorted((ROOT / "remix_plugin").rglob("*.ui")):
        root = ET.parse(path).getroot()
        context = root.findtext("class")
        for element in root.iter("string"):
            if element.text and element.get("notr") != "true":
                yield context, element.text, path.relative_to(ROOT)


def existing(ts: Path) -> dict:
    if not ts.exists():
        return {}
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") != "obsolete":
                found[(name, message.findtext("source"))] = translation.text
    return found


def write(ts: Path, language: str, messages: list, identity: bool) -> int:
    old = existing(ts)
    root = ET.Element("TS", version="2.1", language=language)
    contexts = {}
    missing = 0
    for context, source, where in messages:
        contexts.setdefault(context, {}).setdefault(source, where)
    for context in sorted(contexts):
        node = ET.SubElement(root, "context")
        ET.SubElement(node, "name").text = context
        for source, where in contexts[context].items():
            message = ET.SubElement(node, "message")
            ET.SubElement(message, "location", filename=str(where))
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            text = source if identity else old.get((context, source))
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
                missing += 1
    ET.indent(root)
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode") + "\n",
        encoding="utf-8",
    )
    return missing


def main() -> int:
    messages = list(python_strings()) + list(ui_strings())
    I18N.mkdir(parents=True, exist_ok=True)
    write(I18N / "remix_it.ts", "it_IT", messages, identity=True)
    missing = write(I18N / "remix_en.ts", "en_GB", messages, identity=False)
    sys.stdout.write(f"{len(messages)} messages; {missing} still to translate into English\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
