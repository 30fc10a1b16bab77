"""The Letters page (planned)."""

from organiser.ui.pages.base import PlannedPage


class LettersPage(PlannedPage):
    title = "Letters"
    icon_name = "letters"
    description = (
        "The register of solidarity and protest letters, statements and resolutions: drafts, "
        "signatories, PDF export and printing, and when each was sent and answered."
    )
