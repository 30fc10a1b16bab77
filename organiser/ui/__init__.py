"""The Qt interface: the main window, one page per area, table models, dialogs, workers."""

# Any use of the interface loads PySide6 through this, which makes its import hook cheap.
from organiser.ui import pyside_imports  # noqa: F401
