"""The Organisations page (being built)."""

from organiser.ui.pages.base import PlannedPage


class OrganisationsPage(PlannedPage):
    title = "Organisations"
    icon_name = "organisations"
    description = "Being built."
