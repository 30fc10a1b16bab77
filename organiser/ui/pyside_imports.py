"""PySide6 loaded, with its check of each later import made cheap (imported first by the window).

Once PySide6 is loaded, its import hook (`shibokensupport.feature.feature_imported`, PYSIDE-2029)
asks of every module imported after it whether the module's source mentions "PySide6", through
`inspect.getsource`, which reads and tokenizes the whole file into linecache: about a quarter of
the window's start here, for the few hundred SQLAlchemy and program modules that follow Qt. The
same question is answered here by reading the file's bytes; anything unusual (no .py file, an
error, another PySide6 without that function) keeps PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads shibokensupport, whose hook is changed below)


def _quick_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.quick = True  # type: ignore[attr-defined]
    return mod_uses_pyside


def make_import_check_quick() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "quick", False):
        return
    feature._mod_uses_pyside = _quick_check(original)  # type: ignore[attr-defined]


make_import_check_quick()
