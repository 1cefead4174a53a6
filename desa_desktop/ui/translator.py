"""Live language switching through Qt's own translation machinery.

The app's strings are written in Indonesian and looked up through
``tr()``; a ``QTranslator`` backed by the ``desa_desktop.i18n`` dictionaries
answers for English. Installing or removing it makes Qt send every widget a
``LanguageChange`` event, and widgets re-run their ``retranslate()``: no
restart, no lost input.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from desa_desktop import i18n

CONTEXT = "desa"


def tr(text: str) -> str:
    """Translate an Indonesian UI string into the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def trf(template: str, **params: object) -> str:
    """Translate a template, then fill it in (so the catalogue holds one entry)."""
    return tr(template).format(**params)


class CatalogTranslator(QTranslator):
    """A ``QTranslator`` reading a Python dictionary; it notes every miss."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.strings = i18n.catalogue(lang)
        self.missing: set[str] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        found = self.strings.get(source)
        # Only our own strings count as misses; Qt asks for its internals too
        # (e.g. QT_LAYOUT_DIRECTION), which must fall back to Qt's defaults.
        if found is None and context == CONTEXT and source.strip():
            self.missing.add(source)
        return found

    def isEmpty(self) -> bool:
        return False


class LanguageManager:
    """Holds the installed translator; ``apply`` switches language live."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.lang = i18n.DEFAULT_LANGUAGE
        self.translator: CatalogTranslator | None = None

    def apply(self, lang: str) -> None:
        if lang not in i18n.LANGUAGES:
            lang = i18n.DEFAULT_LANGUAGE
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        self.lang = lang
        locale = QLocale(QLocale.Language.Indonesian if lang == "id" else QLocale.Language.English,
                         QLocale.Country.Indonesia)
        QLocale.setDefault(locale)
        if lang != i18n.DEFAULT_LANGUAGE:
            self.translator = CatalogTranslator(lang)
            self.app.installTranslator(self.translator)
        else:
            # Removing the translator already sent LanguageChange; make sure a
            # first apply("id") does too, so every widget renders once.
            QCoreApplication.postEvent(self.app, QEvent(QEvent.Type.LanguageChange))

    def translate_problem(self, template: str) -> str:
        """Look up a service/domain message template in the current language."""
        return i18n.translate(template, self.lang)


def lookup(template: str) -> str:
    """Translate a domain/service message template (used with ``err.translated``)."""
    return tr(template)


class Retranslatable:
    """Mixin for widgets: call ``retranslate()`` at the end of ``__init__``.

    Qt delivers ``LanguageChange`` to every widget; this mixin routes it to
    ``retranslate`` (the Frescobaldi ``translateUI`` pattern).
    """

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        QWidget.changeEvent(self, event)  # type: ignore[arg-type]

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError
