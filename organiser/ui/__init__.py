"""The Qt interface: the main window, one page per area, table models, dialogs, workers."""
