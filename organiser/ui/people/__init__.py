"""People at risk in the window: their table's columns and day counts, a person's history,
and the tab under a campaign (the page itself is `ui/pages/people_at_risk.py`)."""
