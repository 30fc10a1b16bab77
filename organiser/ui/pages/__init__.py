"""One page per area of work, each a QWidget shown in the main window's stack."""
