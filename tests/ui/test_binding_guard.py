"""Guards against a bad Qt binding release: PySide6 6.12.0 on Python 3.11 dropped one reference to
`None` in every Qt method returning nothing, and the window aborted (`none_dealloc`) after a few
hundred clicks. These checks fail the day such a release comes back, whatever the pin says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

CALLS = 2_000

# Each setter our pages call, on the kind of object they call it on. The child process prints how
# far `sys.getrefcount(None)` moved across CALLS calls of each; a sound binding moves it by 0.
CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem
    from PySide6.QtWidgets import (
        QApplication, QCheckBox, QLabel, QLineEdit, QListWidgetItem, QPushButton,
        QTableWidgetItem,
    )

    app = QApplication([])
    label, line, button, box = QLabel(), QLineEdit(), QPushButton(), QCheckBox()
    list_item, table_item, standard = QListWidgetItem("x"), QTableWidgetItem("x"), QStandardItem()
    role, flags = Qt.ItemDataRole.UserRole, Qt.ItemFlag.ItemIsEnabled
    checked = Qt.CheckState.Checked
    setters = {
        "QLabel.setText": lambda: label.setText("Rally in Seoul"),
        "QLineEdit.setText": lambda: line.setText("KCTU"),
        "QPushButton.setText": lambda: button.setText("Save"),
        "QWidget.setToolTip": lambda: label.setToolTip("full text"),
        "QCheckBox.setCheckState": lambda: box.setCheckState(checked),
        "QListWidgetItem.setData": lambda: list_item.setData(role, 7),
        "QListWidgetItem.setFlags": lambda: list_item.setFlags(flags),
        "QListWidgetItem.setToolTip": lambda: list_item.setToolTip("full text"),
        "QListWidgetItem.setCheckState": lambda: list_item.setCheckState(checked),
        "QTableWidgetItem.setText": lambda: table_item.setText("pledged"),
        "QStandardItem.setData": lambda: standard.setData(3, role),
    }
    if "--inject-fault" in sys.argv:  # what a broken binding does, by hand: the guard's own check
        import ctypes
        none = ctypes.py_object(None)
        setters["fault: Py_DecRef(None)"] = lambda: ctypes.pythonapi.Py_DecRef(none)
    moved = {}
    for name, call in setters.items():
        before = sys.getrefcount(None)
        for _ in range(int(sys.argv[1])):
            call()
        moved[name] = sys.getrefcount(None) - before
    if "--inject-fault" in sys.argv:  # give the references back before the interpreter ends
        for _ in range(int(sys.argv[1])):
            ctypes.pythonapi.Py_IncRef(none)
    print(json.dumps(moved))
    """
)


def moved_counts(*flags: str) -> dict[str, int]:
    """How far each setter moved the reference count of None, measured in a child process so a
    broken binding fails a test instead of aborting the whole run."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(CALLS), *flags],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert child.returncode == 0, f"the child aborted: {child.stderr[-2000:]}"
    return dict(json.loads(child.stdout.strip().splitlines()[-1]))


def broken(moved: dict[str, int]) -> dict[str, int]:
    """The setters that lose (or leak) references: a few may come and go with the interpreter's
    own work, a broken binding moves the count by one per call, i.e. by thousands."""
    return {name: delta for name, delta in moved.items() if abs(delta) > CALLS // 100}


def test_qt_setters_keep_the_reference_count_of_none() -> None:
    """A setter that loses a reference to None per call would abort the window within a week:
    every setter our pages use must leave `sys.getrefcount(None)` where it was."""
    assert not broken(moved_counts()), "Qt setters change the reference count of None"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_the_guard_sees_a_lost_reference() -> None:
    """The guard can fail: a call that drops a reference to None each time, as 6.12.0's setters
    did, is flagged, and only it."""
    assert list(broken(moved_counts("--inject-fault"))) == ["fault: Py_DecRef(None)"]
