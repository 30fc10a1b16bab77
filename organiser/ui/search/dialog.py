"""The search box (Ctrl+K from anywhere): every record at once, searched as it is typed,
ranked and grouped by kind, the words found highlighted in their context; Enter opens the
record on its page."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import search
from organiser.services.search import Hit, Results

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
TYPING_PAUSE_MS = 150
SHORTEST_QUERY = 2


def kind_heading(kind: str, count: int) -> str:
    headings = {
        "campaign": QApplication.translate("SearchDialog", "Campaigns (%n)", "", count),
        "action": QApplication.translate("SearchDialog", "Actions (%n)", "", count),
        "organisation": QApplication.translate("SearchDialog", "Organisations (%n)", "", count),
        "person": QApplication.translate("SearchDialog", "People (%n)", "", count),
        "situation": QApplication.translate("SearchDialog", "People at risk (%n)", "", count),
        "commitment": QApplication.translate("SearchDialog", "Commitments (%n)", "", count),
        "letter": QApplication.translate("SearchDialog", "Letters (%n)", "", count),
    }
    return headings.get(kind, f"{kind} ({count})")


def marked_html(parts: list[tuple[str, bool]]) -> str:
    """The parts, escaped, the matches in bold on a highlight."""
    mark = "<b style='background:#fff3b0;color:#202124'>{}</b>"
    return "".join(mark.format(html.escape(t)) if hit else html.escape(t) for t, hit in parts)


def hit_html(hit: Hit) -> str:
    label = marked_html(hit.label_pieces())
    if hit.context is None:
        return label
    before = "…" if hit.context.clipped_start else ""
    after = "…" if hit.context.clipped_end else ""
    context = marked_html(hit.context_pieces())
    return f"{label}<br><span class='context'>{before}{context}{after}</span>"


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (its `HTML_ROLE`), two lines for a hit with its context."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        document.setDefaultStyleSheet(f".context {{ color: {colour.name()} }}")
        document.setHtml(index.data(HTML_ROLE) or html.escape(str(index.data() or "")))
        document.setDocumentMargin(3)
        return document  # one line each, unwrapped: a context is cut short already

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = self._document(option, index)
        painter.save()
        painter.setClipRect(option.rect)
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            selected = option.palette.color(QPalette.ColorRole.HighlightedText)
            context.palette.setColor(QPalette.ColorRole.Text, selected)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


class SearchDialog(QDialog):
    """`chosen` is the (kind, id) opened, once the dialog is accepted."""

    def __init__(self, engine: Engine, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.chosen: tuple[str, int] | None = None
        self.results: Results | None = None
        self.setWindowTitle(self.tr("Search"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(
            self.tr("Search campaigns, actions, organisations, people, commitments, letters…")
        )
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(RichTextDelegate(self.tree))
        self.tree.itemActivated.connect(lambda _item, _column: self.open_current())
        self.tree.currentItemChanged.connect(lambda *_: self._follow_current())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = self.buttons.addButton(
            self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setEnabled(False)
        self.buttons.accepted.connect(self.open_current)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.resize(760, 540)
        self.query.setText(query)
        self.query.selectAll()
        self.run()

    def run(self) -> None:
        """Search for what is typed now."""
        self.timer.stop()
        typed = self.query.text().strip()
        self.tree.clear()
        self.results = None
        if len(typed) < SHORTEST_QUERY:
            self.status.setText(
                self.tr(
                    "Type two letters or more. Accents and case do not matter; "
                    "a name may be typed in Latin letters."
                )
            )
            self._follow_current()
            return
        try:
            with store.transaction(self.engine) as session:
                self.results = search.search(session, typed)
        except OrganiserError as error:
            self.status.setText(str(error))
            self._follow_current()
            return
        self._show(self.results)

    def _show(self, results: Results) -> None:
        count = len(results.hits)
        if not count:
            self.status.setText(self.tr("Nothing found for “%1”.").replace("%1", results.query))
        else:
            self.status.setText(self.tr("%n record(s) found", "", count))
        first: QTreeWidgetItem | None = None
        for group in results.groups:
            heading = QTreeWidgetItem(self.tree, [kind_heading(group.kind, len(group.hits))])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for hit in group.hits:
                item = QTreeWidgetItem(heading, [hit.label])
                item.setData(0, HTML_ROLE, hit_html(hit))
                item.setData(0, RECORD_ROLE, (hit.kind, hit.id))
                item.setToolTip(0, hit.label)
                first = first or item
        self.tree.expandAll()
        if first is not None:
            self.tree.setCurrentItem(first)
        self._follow_current()

    def hit_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for row in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(row)
            children = [heading.child(n) for n in range(heading.childCount())] if heading else []
            found += [child for child in children if child is not None]
        return found

    def _follow_current(self) -> None:
        item = self.tree.currentItem()
        self.open_button.setEnabled(item is not None and item.data(0, RECORD_ROLE) is not None)

    def open_current(self) -> None:
        if self.timer.isActive():
            self.run()  # Enter before the pause: search what was typed first
        item = self.tree.currentItem()
        record = item.data(0, RECORD_ROLE) if item is not None else None
        if record is None:
            return
        self.chosen = (str(record[0]), int(record[1]))
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the query: Up and Down move through the results, Enter opens the one chosen."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def _step(self, by: int) -> None:
        items = self.hit_items()
        if not items:
            return
        current = self.tree.currentItem()
        at = items.index(current) if current in items else -1
        self.tree.setCurrentItem(items[max(0, min(len(items) - 1, at + by))])
