"""Helpers for GUI tests: a filled village and the texts a user can see."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QWidget,
)

from desa_desktop import i18n
from desa_desktop.domain.nik import make_nik
from desa_desktop.services import households, persons, placements
from desa_desktop.services.context import ServiceContext

PEOPLE = [
    ("Siti Aminah", "P", date(1990, 5, 4), "Dusun Cikupa"),
    ("Siti Nurhaliza", "P", date(1992, 7, 1), "Dusun Cikupa"),
    ("Asep Saepudin", "L", date(1985, 1, 12), "Dusun Babakan"),
    ("Euis Kurniasih", "P", date(1995, 3, 30), "Dusun Babakan"),
    ("Dedi Supriatna", "L", date(1980, 11, 2), "Dusun Sukamaju"),
]


def fill_village(ctx: ServiceContext) -> dict[str, str]:
    """Five persons in three households; Siti Aminah works in Hong Kong."""
    ids: dict[str, str] = {}
    homes: dict[str, str] = {}
    for serial, (name, sex, born, dusun) in enumerate(PEOPLE, start=1):
        if dusun not in homes:
            kk = f"32071201012{len(homes) + 1:01d}0001"
            homes[dusun] = households.create_household(
                ctx, households.HouseholdInput(kk, name, dusun, "1", str(serial))).ids[0]
        nik = make_nik("320712", born, sex, serial)
        ids[name] = persons.create_person(ctx, persons.PersonInput(
            nik, name, sex, "Ciamis", born, household_id=homes[dusun],
            relation_to_head="kepala")).ids[0]
    placements.add_placement(ctx, ids["Siti Aminah"], placements.PlacementInput(
        "HK", "informal", "plrt", "p2p", "PT Contoh", date(2024, 3, 1), date(2026, 12, 1)))
    return ids


def _clean(text: str) -> str:
    return text.replace("&", "").strip()


def visible_texts(root: QWidget) -> list[str]:
    """Every UI text a user can read in ``root``, except widgets marked as data."""
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.property("data"):
            continue
        if w.isWindow():
            texts.append(w.windowTitle())
        texts.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QComboBox) and not w.isEditable():
            data_items = bool(w.property("data_items"))
            texts.extend(w.itemText(i) for i in range(w.count())
                         if not data_items or w.itemData(i) in (None, ""))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            texts.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                         for c in range(model.columnCount()))
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            texts.append(action.text())
            if action.menu():
                texts.extend(a.text() for a in action.menu().actions() if not a.isSeparator())
    return [t for t in (_clean(t) for t in texts) if t and re.search(r"[A-Za-z]", t)]


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", template.replace("&", ""))
    return re.compile("^" + "(.+)".join(re.escape(p) for p in parts) + "$", re.S)


def unknown_indonesian(texts: list[str]) -> list[str]:
    """Texts that are not strings of the English catalogue (so were never translatable)."""
    catalogue = i18n.catalogue("en")
    keys = {_clean(k) for k in catalogue}
    patterns = [_template_regex(k) for k in catalogue if "{" in k]
    return sorted({t for t in texts if t not in keys and not any(p.match(t) for p in patterns)})


def left_in_indonesian(texts: list[str]) -> list[str]:
    """Texts still showing an Indonesian source string whose English differs."""
    catalogue = {_clean(k): _clean(v) for k, v in i18n.catalogue("en").items()}
    return sorted({t for t in texts if t in catalogue and catalogue[t] != t})
