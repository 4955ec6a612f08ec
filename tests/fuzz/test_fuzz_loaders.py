"""Mutated competition files, format files, entries CSVs and event logs through the real
loaders, in process: each is accepted and shown, or refused with the project's error and nothing
written — never any other exception (a traceback for the user)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzz_support import LOADERS, Loader, changes, fuzz
from hypothesis import given, note
from hypothesis import strategies as st

from pursuit.errors import PursuitError

# Bounded by counts, derandomized: every CI run tries the same inputs (bench/fuzz_report.py
# tries thousands more with a seed of its choosing).
EXAMPLES = {"competition file": 150, "format file": 150, "entries CSV": 200, "event log": 200}


@pytest.mark.slow
@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.name.replace(" ", "-"))
def test_a_mutated_input_is_shown_or_refused_by_name_never_a_traceback(loader: Loader) -> None:
    seen = {"accepted": 0, "refused": 0}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{loader.suffix}"

        @fuzz(EXAMPLES[loader.name])
        @given(data=loader.inputs())
        def one(data: bytes) -> None:
            path.write_bytes(data)
            try:
                loader.drive(path)
            except PursuitError:
                seen["refused"] += 1
            except BaseException:  # a crash: fail, showing what the mutation changed
                note(f"{path.name} ({len(data)} bytes), changed from its seed:\n{changes(data)}")
                raise
            else:
                seen["accepted"] += 1

        one()
    assert seen["refused"] and seen["accepted"], seen  # both ways were taken


def test_the_mutations_change_their_seed() -> None:
    """The strategies mutate: no input is one of the files they start from."""
    from fuzz_support import competition_seeds

    seeds = {s.encode("utf-8") for s in competition_seeds()}

    @fuzz(30)
    @given(data=LOADERS[0].inputs(), extra=st.none())
    def one(data: bytes, extra: None) -> None:
        assert data not in seeds

    one()
