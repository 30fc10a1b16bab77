"""A module that says which thread imported it (for the warm imports' test)."""

import threading

IMPORTED_ON = threading.current_thread().name
