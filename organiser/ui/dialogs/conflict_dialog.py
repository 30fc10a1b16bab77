"""Two versions of one record side by side, field by field: the user keeps theirs, takes the
one saved elsewhere meanwhile, or chooses per field (a merge)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from organiser.ui.dialogs.fit import FieldsArea, FittedDialog

SHOWN_CHARACTERS = 400  # of a long text (a letter's body); the rest is left out with "…"
MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class FieldVersions:
    """One field that differs: its label, both versions as shown, and the side chosen first."""

    name: str
    label: str
    mine: str
    theirs: str
    preferred: str = MINE


def _shortened(text: str) -> str:
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


class ConflictDialog(FittedDialog):
    """`outcome` after exec(): MINE, THEIRS or "merged" (None: back to the form); `choices`
    maps each field's name to MINE or THEIRS."""

    def __init__(
        self,
        noun: str,
        version: int,
        differences: list[FieldVersions],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.setModal(True)
        self.outcome: str | None = None
        self._groups: dict[str, QButtonGroup] = {}
        self._mine: dict[str, QRadioButton] = {}
        self._theirs: dict[str, QRadioButton] = {}

        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "While you edited this %1, someone saved it elsewhere (it is now at version "
                "%2). Keep your version, take the other one, or choose field by field."
            )
            .replace("%1", noun)
            .replace("%2", str(version))
        )

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, heading in enumerate(
            (self.tr("Field"), self.tr("Yours"), self.tr("Saved elsewhere"))
        ):
            title = QLabel(f"<b>{heading}</b>", self)
            grid.addWidget(title, 0, column)
        for row, field in enumerate(differences, 1):
            grid.addWidget(
                self._label(field.label.replace("&", "")), row, 0, Qt.AlignmentFlag.AlignTop
            )
            group = QButtonGroup(self)
            for column, (side, text) in enumerate(((MINE, field.mine), (THEIRS, field.theirs)), 1):
                choice = QRadioButton(self)
                choice.setObjectName(f"{field.name}:{side}")
                choice.setChecked(side == field.preferred)
                group.addButton(choice)
                cell = QWidget(self)
                line = QGridLayout(cell)
                line.setContentsMargins(0, 0, 0, 0)
                line.addWidget(choice, 0, 0, Qt.AlignmentFlag.AlignTop)
                shown = self._label(_shortened(text) or self.tr("(empty)"))
                line.addWidget(shown, 0, 1, Qt.AlignmentFlag.AlignTop)
                line.setColumnStretch(1, 1)
                grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
                (self._mine if side == MINE else self._theirs)[field.name] = choice
            self._groups[field.name] = group
        holder = QWidget(self)
        holder.setLayout(grid)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.keep_button = self._button(buttons, self.tr("&Keep mine"), MINE)
        self.take_button = self._button(buttons, self.tr("&Take theirs"), THEIRS)
        self.merge_button = self._button(buttons, self.tr("&Save as chosen"), "merged")
        self.merge_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(FieldsArea(holder, self), 1)
        layout.addWidget(buttons)
        self.resize(760, self.sizeHint().height())

    def _label(self, text: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # what was typed, never markup
        label.setWordWrap(True)
        label.setText(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _button(self, buttons: QDialogButtonBox, text: str, outcome: str) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._finish(outcome))
        return button

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept()

    def choose(self, name: str, side: str) -> None:
        (self._mine if side == MINE else self._theirs)[name].setChecked(True)

    def choices(self) -> dict[str, str]:
        """Each field's side: as chosen for a merge, else the side of the button pressed."""
        if self.outcome in (MINE, THEIRS):
            return dict.fromkeys(self._groups, self.outcome)
        return {name: MINE if self._mine[name].isChecked() else THEIRS for name in self._groups}
