"""The window's side of commitments: table and matrix models, the form, the affiliate tab and
the import of affiliates from spreadsheets."""
