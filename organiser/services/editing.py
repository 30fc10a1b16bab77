"""What an edit starts from: a record's read model turned back into the fields a form holds."""

from __future__ import annotations

import dataclasses
from typing import Any


def fields_from(view: Any, fields_class: type[Any]) -> Any:
    """A form's fields (a services' Fields dataclass) as the read model `view` holds them: its
    own `fields()` where the read model shapes them differently (a letter's parties)."""
    own = getattr(view, "fields", None)
    if callable(own):
        fields = own()
        if isinstance(fields, fields_class):
            return fields
    names = [f.name for f in dataclasses.fields(fields_class) if hasattr(view, f.name)]
    return fields_class(**{name: getattr(view, name) for name in names})
