"""The IOC's nation codes, read once from the data file shipped with pursuit."""

from __future__ import annotations

import tomllib
from functools import cache
from types import MappingProxyType
from typing import Any

from pursuit.core.nations import Nation
from pursuit.shipped import shipped

DATA_FOLDER = "data"  # in the package
DATA_FILE = "nations.toml"


@cache
def ioc_nations() -> MappingProxyType[str, Nation]:
    """Every IOC code, current and historic (URS, FRG, GDR…), by code."""
    text = shipped(DATA_FOLDER, DATA_FILE).read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    out = {code: Nation(code, name) for code, name in data["current"].items()}
    for code, fact in data["historic"].items():
        out[code] = Nation(code, fact["name"], historic=True, years=fact.get("years"))
    return MappingProxyType(out)
