"""How many examples the heavier property tests try.

Each names its full count: what CI runs (`CI` set, as `.ci/run` and hosted CI do) and what
`PURSUIT_HYPOTHESIS=thorough` asks for on a developer's machine. Elsewhere a unit-layer run,
which a developer waits for, tries a fifteenth of it, at least 50 (1,500 gives hypothesis's
own default of 100): the same properties on the same strategies, so a test that fails with
many examples can fail with few, only less often. Hypothesis keeps every failing example it
finds and tries it first the next time.
"""

from __future__ import annotations

import os

from hypothesis import settings

THOROUGH = os.environ.get("PURSUIT_HYPOTHESIS") == "thorough" or os.environ.get(
    "CI", ""
).lower() not in ("", "0", "false", "no")


def examples(full: int) -> settings:
    """Settings for a property test whose full run tries `full` examples."""
    return settings(max_examples=full if THOROUGH else max(50, full // 15), deadline=None)
