"""The Calendar page (planned)."""

from organiser.ui.pages.base import PlannedPage


class CalendarPage(PlannedPage):
    title = "Calendar"
    icon_name = "calendar"
    description = (
        "Month, week and agenda views of every campaign's action dates — rallies, strikes, "
        "court hearings, deadlines — in each campaign's colour, with iCalendar import and export "
        "and a printable month."
    )
