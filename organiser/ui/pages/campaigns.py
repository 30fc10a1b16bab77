"""The Campaigns page (being built)."""

from organiser.ui.pages.base import PlannedPage


class CampaignsPage(PlannedPage):
    title = "Campaigns"
    icon_name = "campaigns"
    description = "Being built."
