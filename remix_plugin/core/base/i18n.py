"""Translation: user-facing text is written in Italian in the code and translated by Qt (.qm).

The Italian source text *is* the Italian UI; `resources/i18n/remix_en.ts` carries English.
"""

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from remix_plugin.core.base.paths import I18N

CONTEXT = "RemixPlugin"
_translator = None


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_language() -> str:
    """Two-letter language QGIS is set to ("it" when unset, our users' language)."""
    locale = QgsSettings().value("locale/userLocale", "") or QLocale().name()
    return (locale or "it")[:2]


def install_translator(language: str = None):
    """Load remix_<lang>.qm if present; Italian needs none. Returns the translator or None."""
    global _translator
    language = language or user_language()
    qm = I18N / f"remix_{language}.qm"
    if language == "it" or not qm.exists():
        return None
    translator = QTranslator()
    if translator.load(str(qm)):
        QgsApplication.installTranslator(translator)
        _translator = translator
    return _translator


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QgsApplication.removeTranslator(_translator)
        _translator = None
