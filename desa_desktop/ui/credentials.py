"""User name and password fields with a show/hide toggle, as the login and the
lock screen both ask for them (Qt only: the login must appear at once)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton

from desa_desktop.ui.translator import tr


class CredentialFields:
    """The widgets and their form layout; the owner adds ``form`` to its layout."""

    def __init__(self) -> None:
        self.username = QLineEdit()
        self.username.setMaxLength(50)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QToolButton()
        self.show_password.setCheckable(True)
        self.show_password.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_password.toggled.connect(self.toggle_echo)
        password_row = QHBoxLayout()
        password_row.setSpacing(4)
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.show_password)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, password_row)

    def retranslate(self) -> None:
        self.username_label.setText(tr("Nama pengguna"))
        self.password_label.setText(tr("Kata sandi"))
        self.toggle_echo(self.show_password.isChecked())
        self.show_password.setToolTip(tr("Tampilkan atau sembunyikan kata sandi"))

    def toggle_echo(self, shown: bool) -> None:
        self.password.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                  else QLineEdit.EchoMode.Password)
        labels = (tr("Tampilkan"), tr("Sembunyikan"))
        self.show_password.setText(labels[1] if shown else labels[0])
        metrics = self.show_password.fontMetrics()  # wide enough for both: no jumping field
        self.show_password.setFixedWidth(max(metrics.horizontalAdvance(t) for t in labels) + 16)
