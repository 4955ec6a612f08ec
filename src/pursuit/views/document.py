"""What of a read model goes into its JSON document.

A read model carries values for its renderers (a `RaceTime` next to its text, the row a line
came from, a fact only a sheet prints); a field with `metadata=OFF_DOCUMENT` is such a value
and stays out of the page's JSON, so the documents keep their shape. Everything else goes in,
as `dataclasses.asdict` would put it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

OFF_DOCUMENT = {"document": False}


def document(value: Any) -> Any:
    """`value` as plain data: dataclasses as dicts without their off-document fields, tuples
    and lists as lists, dicts as dicts; anything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: document(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("document", True)
        }
    if isinstance(value, tuple | list):
        return [document(v) for v in value]
    if isinstance(value, dict):
        return {k: document(v) for k, v in value.items()}
    return value
