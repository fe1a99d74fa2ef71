"""Every text a user reads has its English translation, and the compiled translation is what QGIS shows."""

import importlib.util
import subprocess
import xml.etree.ElementTree as ET

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
update_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_translations)


def translations(ts):
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            if node is not None and node.text and node.get("type") not in ("unfinished", "obsolete"):
                found[(context.findtext("name"), message.findtext("source"))] = node.text
    return found


def test_every_user_text_has_an_english_translation():
    english = translations(update_translations.I18N / "remix_en.ts")
    texts = {(c, s) for c, s, _ in list(update_translations.python_strings()) + list(update_translations.ui_strings())}
    missing = sorted(texts - set(english))
    assert (
        not missing
    ), f"{len(missing)} testi senza traduzione inglese (scripts/update_translations.py): {missing[:10]}"
    same = [s for (c, s), t in english.items() if t == s and len(s) > 12 and (c, s) in texts]
    assert len(same) < len(texts) / 10, f"traduzioni identiche all'italiano: {same[:10]}"


def test_placeholders_survive_translation():
    for (context, source), text in translations(update_translations.I18N / "remix_en.ts").items():
        for token in ("{n}", "{d}", "{path}", "{title}", "{shown}", "{total}", "{waiting}"):
            assert (token in source) == (token in text), f"{context}: «{source}» → «{text}»"


def test_the_compiled_translation_shows_english_in_qgis(qgis_app, tmp_path):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    qm = tmp_path / "remix_en.qm"
    subprocess.run(["lrelease", "-silent", str(update_translations.I18N / "remix_en.ts"), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("RemixPlugin", "Mappa delle Opportunità") == "Opportunities map"
        assert QCoreApplication.translate("ZoneDock", "Zone omogenee") == "Homogeneous zones"
    finally:
        QCoreApplication.removeTranslator(translator)
