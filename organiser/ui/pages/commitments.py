"""The Commitments page: every pledge across campaigns with filters, the matrix of one campaign
(affiliates down, actions across, status changed in place), reports and the affiliates import."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.models import CommitmentStatus
from organiser.services import commitment_summary as summary
from organiser.services import commitments as service
from organiser.ui.commitments.filters import CommitmentFilters
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.commitments.matrix_model import CommitmentMatrixModel, StatusDelegate
from organiser.ui.commitments.table_model import (
    SORT_KEYS,
    LazyCommitmentModel,
    commitment_columns,
)
from organiser.ui.dialogs.messages import confirm, show_error, show_info
from organiser.ui.icons import icon
from organiser.ui.pages.base import Page
from organiser.ui.reminders.dialog import ask_reminder
from organiser.ui.tables import RecordTable
from organiser.ui.undo import DeleteToTrash, push_edit


class CommitmentsPage(Page):
    title = "Commitments"
    tables = frozenset({"commitment", "campaign", "organisation", "action"})
    icon_name = "commitments"
    loads_when_built = True  # its __init__ refreshes: the first showing does not again
    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    undo_stack: QUndoStack

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.undo_stack = QUndoStack(self)  # Edit › Undo: deletes made on this page
        self.filters = CommitmentFilters(self)
        self.filters.changed.connect(self.reload)
        self.list_model = LazyCommitmentModel(commitment_columns(), self)
        self.table: RecordTable[service.CommitmentView] = RecordTable(
            self.list_model, self.tr("Filter commitments…"), self
        )
        self.table.filter_in_sql(self.reload_list)
        self.table.activated_row.connect(self.edit_commitment)
        self._record_actions()
        self.matrix_model = CommitmentMatrixModel(self._change_status, self)
        self.matrix_model.failed.connect(lambda text: show_error(self, self.tr("Status"), text))
        self.matrix_model.status_changed.connect(self._status_changed)
        self.matrix_view = self._make_matrix_view()
        self.matrix_hint = QLabel(self)
        self.count_label = QLabel(self)
        self._sort_in_sql()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, self.tr("All commitments"))
        self.tabs.addTab(self._matrix_tab(), self.tr("Matrix"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.count_label)
        self.refresh(built=True)

    def _record_actions(self) -> None:
        """New, Edit and Delete for the window's Edit menu and a right-click on a commitment."""
        self.new_action = self.page_action("add", self.tr("New commitment…"), self.add_commitment)
        self.edit_action = self.page_action(
            "edit", self.tr("Edit commitment…"), lambda: self.edit_commitment(self.table.selected())
        )
        self.delete_action = self.page_action(
            "delete", self.tr("Delete commitment…"), self.delete_selected
        )
        self.remind_action = self.page_action(
            "reminder", self.tr("Remind me…"), lambda: self.remind_of(self.table.selected())
        )
        self.table.offer_actions(
            lambda: [self.new_action, self.edit_action, self.delete_action, self.remind_action]
        )
        self.table.selection_changed.connect(self._selected)
        self._selected(None)

    def _selected(self, view: service.CommitmentView | None) -> None:
        self.edit_action.setEnabled(view is not None)
        self.delete_action.setEnabled(view is not None)
        self.remind_action.setEnabled(view is not None)

    def _sort_in_sql(self) -> None:
        """A header click sorts all commitments in the database, not just the fetched pages."""
        self.table.sort_in_sql(SORT_KEYS, "due", lambda: self.reload_list(in_background=True))
        for column, width in enumerate((200, 200, 260, 170, 90, 130, 95)):
            self.table.view.setColumnWidth(column, width)

    def _button(self, text: str, icon_name: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.clicked.connect(slot)
        return button

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button(self.tr("New commitment…"), "add", self.add_commitment)
        self.import_button = self._button(
            self.tr("Import affiliates…"), "import", self.import_affiliates
        )
        self.pdf_button = self._button(
            self.tr("Report PDF…"), "pdf", lambda: self.ask_report("pdf")
        )
        self.csv_button = self._button(
            self.tr("Report CSV…"), "export", lambda: self.ask_report("csv")
        )
        for button in (self.add_button, self.import_button, self.pdf_button, self.csv_button):
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _make_matrix_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.matrix_model)
        view.setItemDelegate(StatusDelegate(view))
        view.setWordWrap(True)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        view.doubleClicked.connect(self._matrix_double_clicked)
        view.horizontalHeader().setDefaultSectionSize(175)
        return view

    def _matrix_tab(self) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.matrix_hint)
        layout.addWidget(self.matrix_view, 1)
        return holder

    def refresh(self, built: bool = False) -> None:
        """The choices and the rows again; as the page is `built`, the list is counted and its
        first page read off the GUI thread (`settled()` says when it is shown)."""
        with store.transaction(self.engine) as session:
            campaigns = service.campaign_choices(session)
        self.filters.set_choices(campaigns, self._affiliates)
        self.reload_list(counted=True, in_background=built)
        self.reload_matrix()

    def settled(self) -> bool:
        """No first page is being read in the background (what tests wait for)."""
        return self.table.settled()

    def _affiliates(self) -> list[tuple[int, str]]:
        with store.transaction(self.engine) as session:
            return service.organisations_with_commitments(session)

    def reload(self) -> None:
        self.reload_list(counted=True)
        self.reload_matrix()

    def reload_list(self, counted: bool = False, in_background: bool = False) -> None:
        """The list again, as the filters, the filter box and the sort now ask. While the
        filter box holds a text (or `in_background`: a header click, the page built) the first
        page is read off the GUI thread, and counted there only when `counted` and there is no
        text (a text's matches are found by reading every row): else the view learns the end
        from a short page."""
        criteria = self.filters.criteria()
        text = self.table.filter_text()
        sort, descending = self.table.sql_sort()
        engine = self.engine

        def load(offset: int, limit: int) -> list[service.CommitmentView]:
            with store.transaction(engine) as session:  # perhaps off the GUI thread
                return service.list_commitments(
                    session, criteria, offset=offset, limit=limit, sort=sort,
                    descending=descending, text=text,
                )  # fmt: skip

        def count() -> int:
            with store.transaction(engine) as session:  # perhaps off the GUI thread
                return service.count_commitments(session, criteria, text=text)

        if text or in_background:  # the first page read in the background
            if text:
                holding = self.tr("The commitments holding “%1”").replace("%1", text)
                self.count_label.setText(holding)
            counts = counted and not text
            self.table.set_source_in_background(
                load, load,
                lambda: self._say_count(self.list_model.total(), criteria) if counts else None,
                lambda error: show_error(self, self.tr("Commitments"), str(error)),
                count if counts else None,
                later_in_background=bool(text),  # a text's matches may lie far apart
            )  # fmt: skip
            return
        total = count()
        self.table.set_source(total, load)
        self._say_count(total, criteria)

    def _say_count(self, total: int, criteria: service.CommitmentFilter) -> None:
        """How many commitments the filters (and no text) give, under the list."""
        text = self.table.filter_text()
        if total:
            self.count_label.setText(self.tr("%n commitment(s)", "", total))
        elif criteria == service.CommitmentFilter() and not text:
            self.count_label.setText(
                self.tr("No commitments yet: record an affiliate's pledge with New commitment…")
            )
        else:
            self.count_label.setText(self.tr("No commitments match these filters."))

    def reload_matrix(self) -> None:
        campaign_id = self.filters.campaign_id()
        if campaign_id is None:
            self.matrix_model.set_matrix(None)
            self.matrix_hint.setText(self.tr("Choose a campaign above to see its matrix."))
            return
        with store.transaction(self.engine) as session:
            matrix = summary.campaign_matrix(session, campaign_id)
        self.matrix_model.set_matrix(matrix)
        self.matrix_hint.setText(
            self.tr("{title}: affiliates down, actions across. Double-click a pledge to change "
                    "its status.").format(title=matrix.campaign_title)
        )  # fmt: skip
        self.matrix_view.resizeRowsToContents()

    def _change_status(
        self, view: service.CommitmentView, status: CommitmentStatus
    ) -> service.CommitmentView:
        with store.transaction(self.engine, write=True) as session:
            return service.set_status(session, view.id, status, expected_version=view.version)

    def _status_changed(self, view: service.CommitmentView) -> None:
        self.list_model.replace_row(view)
        self.matrix_view.resizeRowsToContents()
        # Later, not inside the model's setData: the window answers by refreshing this page.
        QTimer.singleShot(0, self.data_changed.emit)

    def _matrix_double_clicked(self, index: QModelIndex) -> None:
        """An empty cell: record a pledge of that affiliate for that action."""
        matrix = self.matrix_model.matrix()
        if matrix is None or self.matrix_model.cell(index.row(), index.column()):
            return
        organisation_id = matrix.affiliates[index.row()][0]
        if isinstance(organisation_id, str):
            return  # an organisation deleted since pledges nothing new
        form = CommitmentForm(
            self.engine,
            campaign_id=matrix.campaign_id,
            organisation_id=organisation_id,
            action_id=matrix.actions[index.column()].id,
            parent=self,
        )
        if form.exec():
            self._saved()

    def add_commitment(self) -> None:
        form = CommitmentForm(self.engine, campaign_id=self.filters.campaign_id(), parent=self)
        if form.exec():
            self._saved()

    def edit_commitment(self, view: service.CommitmentView | None) -> None:
        if view is None:
            return
        form = CommitmentForm(self.engine, existing=view, parent=self)
        if form.exec():
            title = self.tr("Edit commitment")

            def after(problems: list[str]) -> None:
                if problems:
                    show_error(self, title, "\n".join(problems))
                self._saved()

            service_pair = (service.CommitmentFields, service.update_commitment)
            saved = form.result_value
            noun = self.tr("commitment")
            push_edit(
                self.undo_stack, self.engine, noun, view, saved, service_pair, after, saved.what
            )
            self._saved()

    def remind_of(self, view: service.CommitmentView | None) -> None:
        if view is not None:
            name = view.organisation_name
            ask_reminder(self, "commitment", view.id, f"{name}: {view.what}" if name else view.what)

    def delete_selected(self) -> None:
        view = self.table.selected()
        if view is None:
            return
        title = self.tr("Delete commitment")
        question = self.tr(
            "Delete the commitment of {org} to “{what}” ({campaign})? Its status, evidence and "
            "notes go with it; the organisation and the campaign are kept."
        ).format(org=view.organisation_name, what=view.what, campaign=view.campaign_title)
        if not confirm(self, title, question):
            return

        def after(problems: list[str]) -> None:
            if problems:
                show_error(self, title, "\n".join(problems))
            self._saved()

        self.undo_stack.push(
            DeleteToTrash(
                self.engine,
                self.tr("commitment"),
                view.what,
                lambda session: service.delete_commitment(session, view.id),
                after,
            )
        )

    def _saved(self) -> None:
        self.refresh()
        self.data_changed.emit()

    def import_affiliates(self) -> None:
        """The import job says what it wrote: the pages showing it refresh themselves."""
        AffiliateImportDialog(self.engine, self).exec()

    def ask_report(self, kind: str) -> None:
        if self.filters.campaign_id() is None:
            show_error(self, self.tr("Report"), self.tr("Choose a campaign first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), f"commitments.{kind}",
            self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("CSV (*.csv)"),
        )  # fmt: skip
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> bool:
        campaign_id = self.filters.campaign_id()
        if campaign_id is None:
            return False
        # ReportLab behind it: imported when a report is asked for, not when the page is built.
        from organiser.services.commitment_output import ReportFormat, write_report

        # What the dialog's filter chose: a name without .pdf is written as the spreadsheet.
        kind = ReportFormat.PDF if path.lower().endswith(".pdf") else ReportFormat.CSV
        try:
            with store.transaction(self.engine) as session:
                write_report(session, campaign_id, path, kind)
        except (OrganiserError, OSError) as error:
            show_error(self, self.tr("Report"), str(error))
            return False
        show_info(self, self.tr("Report"), self.tr("Saved {path}").format(path=path))
        return True
