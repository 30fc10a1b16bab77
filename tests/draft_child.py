"""Run by a test as a child process: the window opens, "New campaign" is chosen as a user would,
a title is typed, and the program waits to be killed.

python -m tests.draft_child DATABASE TEXT  (prints "typed" once the text is in the form)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from organiser import store
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.main_window import MainWindow


def main(database: str, text: str) -> int:
    app = QApplication(sys.argv[:1])
    engine = store.open_database(database)
    window = MainWindow(engine)
    window.show()

    def type_into_the_form() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, RecordForm):
            print(f"no form is open: {form!r}", file=sys.stderr, flush=True)
            app.exit(3)
            return
        QTest.keyClicks(form.field("title"), text)
        print("typed", flush=True)

    QTimer.singleShot(0, type_into_the_form)
    window.start_new("Campaigns")  # the form's own event loop runs until the kill
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
