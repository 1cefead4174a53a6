"""Errors that services raise to the GUI and the CLI.

Each carries Indonesian text (template + params, like domain errors) so the
caller can show it as is, or translated, next to the field at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desa_desktop.domain.errors import DomainError


class ServiceError(DomainError):
    """Base of all service errors: a message the officer can act on."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a second look) in a form, tied to a field."""

    field: str | None
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)

    def translated(self, lookup: Callable[[str], str]) -> str:
        return lookup(self.template).format(**self.params)

    @classmethod
    def of(cls, err: DomainError) -> Problem:
        return cls(err.field, err.template, dict(err.params))


class ValidationError(ServiceError):
    """The form cannot be saved; ``problems`` lists every field at fault."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.template, field=first.field, **first.params)


class DuplicateError(ServiceError):
    """The NIK (or KK number) already belongs to a record; ``existing_id`` opens it."""

    def __init__(self, template: str, existing_id: str, *, field: str, **params: Any) -> None:
        self.existing_id = existing_id
        super().__init__(template, field=field, **params)


class NotFoundError(ServiceError):
    """The record is gone (deleted by someone else, or never existed)."""


class PermissionDenied(ServiceError):
    """The logged-in account's role may not do this."""
