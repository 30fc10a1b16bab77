"""Dialogs: forms for each kind of record, confirmations and messages."""
