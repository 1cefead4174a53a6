"""The English catalogue: complete for every message the rules can show, consistent."""

from __future__ import annotations

import ast
import pkgutil
import re
from importlib import import_module
from pathlib import Path

import desa_desktop.i18n as i18n_pkg
from desa_desktop import i18n
from desa_desktop.domain import case_reference, ledger_reference, reference

CASE_TABLES = tuple(value for module in (case_reference, ledger_reference)
                    for name, value in vars(module).items()
                    if name.isupper() and isinstance(value, dict)
                    and all(isinstance(v, str) for v in value.values()))

PKG = Path(i18n_pkg.__file__).resolve().parents[1]
ERROR_CALLS = {"DomainError", "NikError", "KkError", "PhoneError", "ServiceError", "LoginFailed",
               "NotFoundError", "PermissionDenied", "DuplicateError", "NeedsConfirmation",
               "LoginThrottled", "RecoveryKeyError", "StorageError"}


def _templates_in(path: Path) -> set[str]:
    """Indonesian message templates passed to Problem(...) and error constructors."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        position = 1 if name == "Problem" else 0 if name in ERROR_CALLS else None
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(arg.value)
    return found


def test_every_rule_message_has_an_english_translation() -> None:
    templates: set[str] = set()
    for folder in ("domain", "db", "services", "bundle"):
        for path in (PKG / folder).glob("*.py"):
            templates |= _templates_in(path)
    assert len(templates) > 30
    missing = sorted(t for t in templates if t not in i18n.catalogue("en"))
    assert missing == []


def test_every_reference_label_has_an_english_translation() -> None:
    labels = {label for table in (reference.SEX, reference.STATUS, reference.STATUS_SHORT,
                                  reference.EDUCATION, reference.MARITAL_STATUS,
                                  reference.RELATION_TO_HEAD, reference.COUNTRIES,
                                  reference.SECTOR, reference.JOB, reference.SCHEME,
                                  reference.DOCUMENTS, reference.PROCEDURAL,
                                  reference.COLLECTION_METHOD, reference.VISIT_KIND,
                                  reference.VISIT_OUTCOME, reference.ROLES, *CASE_TABLES)
              for label in table.values()} - {"-"}
    missing = sorted(label for label in labels if label not in i18n.catalogue("en"))
    assert missing == []


def test_translations_keep_the_same_placeholders() -> None:
    field = re.compile(r"\{(\w*)[^}]*\}")
    wrong = {k: v for k, v in i18n.catalogue("en").items()
             if sorted(field.findall(k)) != sorted(field.findall(v))}
    assert wrong == {}


def test_catalogue_modules_agree_where_they_overlap() -> None:
    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for info in pkgutil.iter_modules(i18n_pkg.__path__):
        if not info.name.startswith("en_"):
            continue
        for key, value in import_module(f"desa_desktop.i18n.{info.name}").STRINGS.items():
            if key in seen and seen[key][1] != value:
                conflicts.append((key, seen[key], (info.name, value)))
            seen.setdefault(key, (info.name, value))
    assert conflicts == []


def test_unknown_text_and_indonesian_come_back_unchanged() -> None:
    assert i18n.translate("Simpan", "id") == "Simpan"
    assert i18n.translate("Simpan", "en") == "Save"
    assert i18n.translate("teks yang tidak ada", "en") == "teks yang tidak ada"
