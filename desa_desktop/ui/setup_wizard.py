"""First start: the village's identity and the first officer account.

Shown once, before anything else works, to an officer who may never have
seen the Kemendagri codes: every field says in plain words what is wrong
right under it, and the wizard does not move on until the page is right.
Setting up hashes one password and writes two rows, so it runs directly
(well under a second) instead of through the background runner.

The last page hands over the recovery-key sheet: the database is encrypted,
and if every password is forgotten only that paper opens it again. The
wizard cannot be finished before the sheet is saved and the officer ticks
that it is printed and put away, because later is too often never.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desa_desktop.db.engine import Database
from desa_desktop.domain.errors import DomainError
from desa_desktop.services import accounts
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.ui import dialogs
from desa_desktop.ui.account_dialogs import (
    ask_recovery_sheet_path,
    recovery_sheet_saved_text,
    write_recovery_sheet,
)
from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import ErrorLabel, with_error_line

# Region levels: label, name field, code field, example code (digit groups give the dots).
REGIONS = (
    ("Provinsi", "province_name", "province_code", "32"),
    ("Kabupaten/Kota", "regency_name", "regency_code", "32.07"),
    ("Kecamatan", "district_name", "district_code", "32.07.12"),
    ("Desa", "name", "code", "32.07.12.2001"),
)


CODE_WIDTH = 200

#: What to do with the recovery sheet, in order.
STEPS = (
    "Simpan lembar sebagai PDF, lalu cetak.",
    "Minta kepala desa ikut menandatangani, lalu simpan kertasnya di brankas kantor desa "
    "atau dalam amplop tertutup.",
    "Hapus berkas PDF-nya dari laptop ini. Jangan difoto dan jangan dikirim lewat WhatsApp: "
    "siapa pun yang memegang lembar ini dapat membuka semua data warga.",
)


def dotted(text: str, example: str) -> str:
    """Put the dots in a code typed as bare digits ("3207" -> "32.07"); else leave it."""
    text = text.strip()
    groups = [len(part) for part in example.split(".")]
    if not text.isdigit() or len(text) != sum(groups):
        return text
    parts, start = [], 0
    for size in groups:
        parts.append(text[start:start + size])
        start += size
    return ".".join(parts)


class _FormPage(QWizardPage):
    """A page whose fields each have an error line; problems re-render on language change."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.texts: list[tuple[Callable[[str], None], str, dict[str, object]]] = []
        self.problems: list[Problem] = []
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #333; padding-bottom: 4px;")
        self.page_error = ErrorLabel()

    def make_field(self, name: str) -> tuple[QLineEdit, ErrorLabel]:
        edit, error = QLineEdit(), ErrorLabel()
        edit.setObjectName(name)
        edit.textEdited.connect(lambda _t, n=name: self.clear_problem(n))
        self.fields[name], self.errors[name] = edit, error
        return edit, error

    def text_of(self, setter: Callable[[str], None], source: str, **params: object) -> None:
        """Remember an Indonesian text (a template if ``params``) for ``retranslate``."""
        self.texts.append((setter, source, params))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for setter, source, params in self.texts:
            setter(trf(source, **params) if params else tr(source))
        self.show_problems(self.problems, focus=False)

    def show_problems(self, problems: list[Problem], *, focus: bool = True) -> None:
        self.problems = list(problems)
        for error in self.errors.values():
            error.show_message("")
        self.page_error.show_message("")
        for problem in problems:
            error = self.errors.get(problem.field or "")
            if error is None:
                self.page_error.show_message(problem.translated(lookup))
            elif error.isHidden():  # the first problem of a field is the one to fix first
                error.show_message(problem.translated(lookup))
        wrong = [name for name in self.fields if not self.errors[name].isHidden()]
        if wrong and focus and self.isVisible():  # the topmost field at fault, as the officer reads
            self.fields[wrong[0]].setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_problem(self, name: str) -> None:
        self.problems = [p for p in self.problems if p.field != name]
        self.errors[name].show_message("")

    def has_input(self) -> bool:
        return any(edit.text().strip() for edit in self.fields.values())


class VillagePage(_FormPage):
    """Page 1: province, regency, district and village with their codes, post, address."""

    def __init__(self) -> None:
        super().__init__()
        self.text_of(self.setTitle, "Identitas desa")
        self.text_of(self.help.setText, (
            "Isi sesuai data resmi. Kode wilayah adalah kode Kemendagri, ditulis dengan "
            "titik, misalnya 32.07.12.2001 untuk desa. Kode ini ada di daftar kode wilayah "
            "Kemendagri; jika ragu, tanyakan ke kantor kecamatan."))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        for column, source in ((1, "Nama"), (2, "Kode Kemendagri")):
            header = QLabel()
            header.setStyleSheet("font-weight: bold;")
            self.text_of(header.setText, source)
            grid.addWidget(header, 0, column)
        row = 1
        for label_text, name_field, code_field, example in REGIONS:
            label = QLabel()
            self.text_of(label.setText, label_text)
            name_edit, name_error = self.make_field(name_field)
            code_edit, code_error = self.make_field(code_field)
            code_edit.setMaxLength(len(example) + 2)
            code_edit.setFixedWidth(CODE_WIDTH)
            code_error.setFixedWidth(CODE_WIDTH)  # long messages wrap instead of widening
            code_edit.setProperty("example", example)
            code_edit.editingFinished.connect(
                lambda e=code_edit, x=example: e.setText(dotted(e.text(), x)))
            self.text_of(code_edit.setPlaceholderText, "contoh {example}", example=example)
            label.setBuddy(name_edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(name_edit, row, 1)
            grid.addWidget(code_edit, row, 2)
            grid.addWidget(name_error, row + 1, 1)
            grid.addWidget(code_error, row + 1, 2)
            row += 2
        for label_text, name, hint in (
            ("Nama pos layanan", "post_name", "contoh: Pos Layanan Desmigratif Karyamukti"),
            ("Alamat untuk kop surat", "address", "boleh dikosongkan"),
        ):
            label = QLabel()
            self.text_of(label.setText, label_text)
            edit, error = self.make_field(name)
            self.text_of(edit.setPlaceholderText, hint)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1, 1, 2)
            grid.addWidget(error, row + 1, 1, 1, 2)
            row += 2
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(grid)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        self.retranslate()

    def village(self) -> accounts.VillageInfo:
        """The typed identity, codes given their dots when typed as bare digits."""
        for _label, _name, code_field, example in REGIONS:
            edit = self.fields[code_field]
            edit.setText(dotted(edit.text(), example))
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        return accounts.VillageInfo(**values)

    def validatePage(self) -> bool:
        self.show_problems(accounts.validate_village(self.village()))
        return not self.problems


class AccountPage(_FormPage):
    """Page 2: the first officer, who becomes the administrator."""

    def __init__(self) -> None:
        super().__init__()
        self.text_of(self.setTitle, "Akun petugas pertama")
        self.text_of(self.help.setText, (
            "Akun ini dipakai untuk masuk ke aplikasi dan dapat menambah akun petugas lain. "
            "Simpan kata sandi di tempat aman: kata sandi tidak dapat dilihat lagi."))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label_text, name, hint in (
            ("Nama lengkap", "full_name", ""),
            ("Nama pengguna", "username", "huruf kecil tanpa spasi, contoh: budi"),
            ("Kata sandi", "password", "minimal {n} karakter"),
            ("Ulangi kata sandi", "repeat", ""),
        ):
            label = QLabel()
            self.text_of(label.setText, label_text)
            edit, error = self.make_field(name)
            if hint:
                self.text_of(edit.setPlaceholderText, hint, n=accounts.MIN_PASSWORD)
            label.setBuddy(edit)
            column, _ = with_error_line(edit, error)
            form.addRow(label, column)
        for name in ("password", "repeat"):
            self.fields[name].setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox()
        self.text_of(self.show_password.setText, "Tampilkan kata sandi")
        self.show_password.toggled.connect(self._toggle_echo)
        form.addRow("", self.show_password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        self.retranslate()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for name in ("password", "repeat"):
            self.fields[name].setEchoMode(mode)

    def values(self) -> tuple[str, str, str, str]:
        """Username (lower case, as login compares it), full name, password, repeat."""
        f = self.fields
        return (f["username"].text().strip().lower(), f["full_name"].text().strip(),
                f["password"].text(), f["repeat"].text())

    def validatePage(self) -> bool:
        self.show_problems(accounts.validate_account(*self.values()))
        return not self.problems


class RecoveryPage(_FormPage):
    """Page 3: save the recovery-key sheet, and confirm it is printed and put away."""

    def __init__(self) -> None:
        super().__init__()
        self.saved_path: Path | None = None
        self.text_of(self.setTitle, "Lembar kunci pemulihan")
        self.text_of(self.help.setText, (
            "Data warga di laptop ini disimpan terkunci (dienkripsi). Sehari-hari data dibuka "
            "dengan kata sandi petugas. Bila semua kata sandi lupa, atau berkas kunci di laptop "
            "rusak, data hanya dapat dibuka lagi dengan kunci pemulihan yang tertulis di lembar "
            "ini. Tanpa lembar ini, data bisa hilang untuk selamanya."))
        steps = QGridLayout()
        steps.setColumnStretch(1, 1)
        steps.setVerticalSpacing(4)
        for row, source in enumerate(STEPS):
            number, step = QLabel(f"{row + 1}."), QLabel()
            step.setWordWrap(True)
            self.text_of(step.setText, source)
            steps.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            steps.addWidget(step, row, 1)
        self.save_button = QPushButton()
        self.text_of(self.save_button.setText, "Simpan lembar pemulihan (PDF)…")
        self.open_button = QPushButton()
        self.text_of(self.open_button.setText, "Buka PDF untuk dicetak")
        self.open_button.hide()
        self.open_button.clicked.connect(self.open_pdf)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setStyleSheet("color: #1d5b2a;")
        self.status.hide()
        self.confirm = QCheckBox()
        self.text_of(self.confirm.setText,
                     "Saya sudah mencetak lembar ini dan menyimpannya di tempat aman")
        self.confirm.setEnabled(False)  # nothing to confirm before the sheet exists
        self.confirm.toggled.connect(self.completeChanged)
        self.confirm_hint = QLabel()
        self.confirm_hint.setStyleSheet("color: #555;")
        self.text_of(self.confirm_hint.setText,
                     "Simpan dan cetak lembar pemulihan dulu, lalu centang kotak ini.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(steps)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.confirm_hint)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self.saved_path is not None:
            self.status.setText(recovery_sheet_saved_text(self.saved_path))

    def sheet_saved(self, path: Path) -> None:
        self.saved_path = path
        self.page_error.show_message("")
        self.status.setText(recovery_sheet_saved_text(path))
        self.status.show()
        self.open_button.show()
        self.confirm.setEnabled(True)
        self.confirm_hint.hide()

    def open_pdf(self) -> None:
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path)))

    def isComplete(self) -> bool:
        return self.saved_path is not None and self.confirm.isChecked()

    def has_input(self) -> bool:
        return False


class SetupWizard(QWizard):
    """The first-run wizard; emits ``completed(OfficerInfo)`` once everything is stored."""

    completed = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.officer: OfficerInfo | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.village_page = VillagePage()
        self.account_page = AccountPage()
        self.recovery_page = RecoveryPage()
        self.recovery_page.save_button.clicked.connect(self.save_recovery_sheet)
        # Once the village and admin exist there is no going back to change them.
        self.account_page.setCommitPage(True)
        self.addPage(self.village_page)
        self.addPage(self.account_page)
        self.addPage(self.recovery_page)
        self.fields = {**self.village_page.fields, **self.account_page.fields}
        self.resize(800, 600)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Persiapan aplikasi"))
        buttons = QWizard.WizardButton
        for button, text in (
            (buttons.BackButton, "< Kembali"), (buttons.NextButton, "Lanjut >"),
            (buttons.CommitButton, "Lanjut >"), (buttons.FinishButton, "Selesai"),
            (buttons.CancelButton, "Batal"), (buttons.HelpButton, "Bantuan"),
        ):
            self.setButtonText(button, tr(text))

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is self.account_page:
            return self._create()
        if self.currentPage() is self.recovery_page:
            return self.recovery_page.isComplete()
        return True

    def _create(self) -> bool:
        username, full_name, password, _repeat = self.account_page.values()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.officer = accounts.set_up(self.db, self.village_page.village(), username,
                                           full_name, password)
        except ValidationError as err:
            self.village_page.show_problems(
                [p for p in err.problems if p.field in self.village_page.fields])
            self.account_page.show_problems(
                [p for p in err.problems if p.field not in self.village_page.fields])
            return False
        except DomainError as err:
            self.account_page.show_problems([Problem.of(err)])
            return False
        except Exception as err:  # a disk or database failure: say so, keep the input
            self.account_page.page_error.show_message(trf("Gagal menyimpan: {error}", error=err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def save_recovery_sheet(self) -> Path | None:
        """Ask where, then write the sheet with this database's recovery key (a one-page
        PDF, well under a second: directly, under a wait cursor)."""
        village, officer = accounts.get_village(self.db), self.officer
        if village is None or officer is None:
            return None
        path = ask_recovery_sheet_path(self, village)
        if path is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_recovery_sheet(ServiceContext(self.db, village.code, officer),
                                           village, path)
        except Exception as err:
            self.recovery_page.page_error.show_message(
                trf("Lembar pemulihan tidak dapat disimpan: {error}", error=error_text(err)))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.recovery_page.sheet_saved(written)
        return written

    def accept(self) -> None:
        super().accept()  # QWizard.done() validates the last page, which sets up
        if self.officer is not None and self.result() == QWizard.DialogCode.Accepted:
            self.completed.emit(self.officer)

    def reject(self) -> None:
        """Cancel, Esc and the window's X ask before throwing typed input away, or
        before leaving without the recovery sheet."""
        if self.officer is not None and not self.recovery_page.isComplete():
            choice = dialogs.choose(
                self, tr("Tutup tanpa lembar pemulihan?"),
                tr("Desa dan akun admin sudah tersimpan, tetapi lembar pemulihan belum "
                   "dicetak. Tanpa lembar ini, data tidak dapat dibuka bila semua kata sandi "
                   "lupa. Admin dapat mencetaknya nanti lewat menu Berkas."),
                [tr("Tutup tanpa lembar"), tr("Kembali ke lembar pemulihan")], default=1)
            if choice != 0:
                return
        elif self.officer is None and (self.village_page.has_input()
                                       or self.account_page.has_input()):
            choice = dialogs.choose(
                self, tr("Tutup persiapan?"),
                tr("Isian belum disimpan. Jika ditutup sekarang, semua isian hilang dan "
                   "aplikasi belum dapat dipakai."),
                [tr("Buang isian dan tutup"), tr("Kembali mengisi")], default=1)
            if choice != 0:  # Esc answers the last option: keep the input
                return
        super().reject()
