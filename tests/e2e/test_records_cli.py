"""From the command line: an Olympic competition (`new --olympic`) marks an Olympic record
beaten in qualifying as "OR to be ratified", and a typed record (`finish --record`) wins."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cli_support import run_pursuit

ENTRIES = """name,nation,family_name,seed_time
Anna Aalto,FIN,,4:20.00
Berit Berg,NOR,,4:21.00
Carla Costa,POR,,4:22.00
Dora Dahl,DEN,,4:23.00
"""


def pursuit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PURSUIT_ACTOR": "timekeeper-1"}
    env.pop("PURSUIT_DATABASE_URL", None)
    result = run_pursuit(*args, "--db", "sqlite:///games.db", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result


def test_an_olympic_record_beaten_and_one_typed(tmp_path: Path) -> None:
    (tmp_path / "riders.csv").write_text(ENTRIES, "utf-8")
    pursuit(
        "new", "games", "--title", "Games", "--format", "uci-individual-pursuit",
        "--gender", "men", "--date", "2028-07-30", "--olympic", cwd=tmp_path,
    )  # fmt: skip
    pursuit("entries", "import", "riders.csv", cwd=tmp_path)
    pursuit("draw", "Q", cwd=tmp_path)
    log = pursuit("log", "--json", cwd=tmp_path).stdout
    assert '"standing_records"' in log and "Bradley Wiggins" in log
    pursuit("start", "Q", "1", cwd=tmp_path)
    # heat 1 is Berit Berg v Dora Dahl: Dora under the OR (4:15.031), Berit with a typed NR
    pursuit("finish", "Q", "1", "Dora Dahl", "4:14.000", cwd=tmp_path)
    pursuit("finish", "Q", "1", "Berit Berg", "4:30.000", "--record", "NR", cwd=tmp_path)
    shown = pursuit("show", cwd=tmp_path).stdout
    dora = next(line for line in shown.splitlines() if "Dora Dahl" in line)
    berit = next(line for line in shown.splitlines() if "Berit Berg" in line)
    assert "4:14.000" in dora and "OR to be ratified" in dora
    assert berit.rstrip().endswith("NR")  # typed, as typed
