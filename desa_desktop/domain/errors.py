"""Errors raised by pure domain rules.

Messages are written in Bahasa Indonesia (the app's first language) as a
format template plus parameters, so the UI can show the same error in English
by looking the template up in the catalogue of ``desa_desktop.i18n``
without the domain layer knowing anything about languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class DomainError(ValueError):
    """A rule was broken; ``str(err)`` is the Indonesian message.

    ``template`` is the untranslated Indonesian format string and ``params`` the
    values put into it; ``field`` names the form field at fault, if any.
    """

    def __init__(self, template: str, *, field: str | None = None, **params: Any) -> None:
        self.template = template
        self.params = params
        self.field = field
        super().__init__(template.format(**params))

    def translated(self, lookup: Callable[[str], str]) -> str:
        """Render the message with ``lookup`` mapping the Indonesian template
        to another language's template (identity keeps Indonesian)."""
        return lookup(self.template).format(**self.params)
