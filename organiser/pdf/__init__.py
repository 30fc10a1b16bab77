"""PDF output through ReportLab: fonts per script, styles, letters, calendars, reports."""
