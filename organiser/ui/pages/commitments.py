"""The Commitments page (planned)."""

from organiser.ui.pages.base import PlannedPage


class CommitmentsPage(PlannedPage):
    title = "Commitments"
    icon_name = "commitments"
    description = (
        "What each affiliate pledged to each campaign, what is due this week, what is overdue and "
        "what was delivered, with evidence; a matrix of affiliates and actions per campaign."
    )
