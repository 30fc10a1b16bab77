"""The Letters area of the window: editor with live preview, sent and reply dialogs, printing."""
