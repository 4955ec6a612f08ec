"""Synthetic competition files for the benchmarks: N entrants, olympic-1968, 250 m track.

`build(n, seed)` returns the TOML text of a complete competition (qualifying with heat
pairs, quarterfinals, semifinals, bronze and gold matches) and what the rules should make
of it, so a benchmark can check the engine agrees before timing it. Everything is drawn
from one seeded `random.Random`, so the same (n, seed) always gives the same text.

What the file holds, for N entrants:
- unique names (some accented, to exercise the sort key) and unique 3-letter nations;
- qualifying times 4:15–5:30 at 1/1000 s (competition precision 0.01 s), in pairs with
  heat numbers and sides; every ride has 31 or 32 increasing half-lap splits whose last
  one, when there are 32, is the time;
- a few riders overtaken in qualifying (caught by a fast partner; eliminated, AC);
- exact ties at 0.01 s: most broken by the last lap, some shared (equal last lap too);
- knockout rounds paired as the format says, the winner always faster (one
  quarterfinal tied at 0.01 s and decided on the last lap).

Run it to print a file: `python bench/synthetic.py 128 > /tmp/c128.toml`.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from dataclasses import dataclass, field

HALF_LAPS = 32  # 4000 m on a 250 m track
LAST_LAP_FROM = HALF_LAPS - 3  # index of the split one lap before the finish
ADVANCE = 8  # olympic-1968: the eight fastest go to the quarterfinals
FASTEST_MS = 4 * 60_000 + 15_000  # 4:15.000
SLOWEST_MS = 5 * 60_000 + 30_000  # 5:30.000
HUNDREDTH = 10  # ms in one unit of the competition precision (0.01 s)

_GIVEN = (
    "Anders",
    "Bruno",
    "Carlos",
    "Daniel",
    "Émile",
    "Felix",
    "Gösta",
    "Hugo",
    "Ivan",
    "Jiří",
    "Karel",
    "Luis",
    "Mogens",
    "Niels",
    "Olaf",
    "Pablo",
    "Quentin",
    "Radamés",
    "Søren",
    "Tomás",
    "Ugo",
    "Václav",
    "Willem",
    "Xaver",
    "Yann",
    "Zoltán",
)
_SYLLABLES = (*(c + v for c in "bdklmnrst" for v in "aeiou"), "vé", "zö", "ñi")


@dataclass
class Ride:
    rider: int  # index into the entrants
    time_ms: int
    splits_ms: list[int]
    status: str = "finished"
    heat: int | None = None
    side: str | None = None


@dataclass
class Synthetic:
    """A generated competition and what the rules must make of it."""

    n: int
    text: str
    names: list[str]
    seeds: list[str]  # qualifying ranks 1–8
    podium: list[str]  # gold, silver, bronze, 4th
    quarterfinal_losers: list[str]
    overtaken: list[str]
    qualifying_ties: int  # pairs equal at 0.01 s and split by the last lap
    shared_ties: int  # pairs equal at 0.01 s and on the last lap
    rides: dict[str, list[Ride]] = field(default_factory=dict)


def family_name(index: int) -> str:
    """A made-up family name, unique per index (three or more syllables)."""
    base = len(_SYLLABLES)
    k = index * 7919 % base**3 if index < base**3 else index  # a bijection: varied, unique
    parts: list[str] = []
    for _ in range(3):
        k, digit = divmod(k, base)
        parts.append(_SYLLABLES[digit])
    while k:
        k, digit = divmod(k - 1, base)
        parts.append(_SYLLABLES[digit])
    return "".join(parts).capitalize()


def nations(n: int, rng: random.Random) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if n > len(letters) ** 3:
        raise ValueError(f"at most {len(letters) ** 3} unique three-letter nations")
    codes = rng.sample(range(len(letters) ** 3), n)
    return [letters[c // 676] + letters[c // 26 % 26] + letters[c % 26] for c in codes]


def splits_for(total_ms: int, rng: random.Random) -> list[int]:
    """32 elapsed times (ms) at the half laps, the last one `total_ms`.

    Standing start (a slow first half lap), then near-even pace with a slight fade.
    """
    weights = [1.5] + [
        max(0.9, 1.0 + 0.04 * k / HALF_LAPS + rng.gauss(0.0, 0.01)) for k in range(2, HALF_LAPS + 1)
    ]
    whole = sum(weights)
    out: list[int] = []
    acc = 0.0
    for w in weights:
        acc += w
        out.append(round(total_ms * acc / whole))
    out[-1] = total_ms
    return out


def last_lap(ride: Ride) -> int:
    return ride.time_ms - ride.splits_ms[LAST_LAP_FROM]


def key(ride: Ride) -> tuple[int, int]:
    """How the rules rank a timed ride at 0.01 s: time, then the last lap."""
    return ride.time_ms // HUNDREDTH, last_lap(ride) // HUNDREDTH


def caught_at(chaser: list[int], other: list[int]) -> int | None:
    """The half lap at which the chaser, half a lap behind at the start, has caught."""
    for k in range(2, len(chaser) + 1):
        if k - 2 < len(other) and chaser[k - 1] <= other[k - 2]:
            return k
    return None


def fmt(ms: int) -> str:
    minutes, rest = divmod(ms, 60_000)
    seconds, frac = divmod(rest, 1000)
    return f"{minutes}:{seconds:02d}.{frac:03d}" if minutes else f"{seconds}.{frac:03d}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _normal_time(rng: random.Random) -> int:
    while True:
        ms = round(rng.gauss(285_000, 11_000))
        if FASTEST_MS <= ms <= SLOWEST_MS:
            return ms


class _Generator:
    def __init__(self, n: int, seed: int) -> None:
        if n < ADVANCE:
            raise ValueError(f"olympic-1968 needs at least {ADVANCE} entrants")
        self.n = n
        self.rng = random.Random(seed)

    def entrants(self) -> tuple[list[str], list[str]]:
        order = list(range(self.n))
        self.rng.shuffle(order)  # family names not in entry order
        names = [f"{self.rng.choice(_GIVEN)} {family_name(k)}" for k in order]
        return names, nations(self.n, self.rng)

    def qualifying(self) -> tuple[list[Ride], int, int]:
        rng, n = self.rng, self.n
        riders = list(range(n))
        rng.shuffle(riders)
        rides: list[Ride] = []
        for i, rider in enumerate(riders):
            rides.append(Ride(rider, 0, [], heat=i // 2 + 1, side=("red", "green")[i % 2]))
        full_heats = n // 2
        n_overtaken = 0 if n < 2 * ADVANCE else max(2, n // 100)
        caught_heats = set(rng.sample(range(full_heats), n_overtaken))
        for h in range(full_heats):
            a, b = rides[2 * h], rides[2 * h + 1]
            if h in caught_heats:
                chaser, victim = (a, b) if rng.random() < 0.5 else (b, a)
                chaser.status, victim.status = "caught", "overtaken"
                chaser.time_ms = rng.randint(FASTEST_MS, 275_000)
                victim.time_ms = rng.randint(312_000, SLOWEST_MS)
            else:
                a.time_ms, b.time_ms = _normal_time(rng), _normal_time(rng)
        if n % 2:
            rides[-1].time_ms = _normal_time(rng)
        for ride in rides:
            ride.splits_ms = splits_for(ride.time_ms, rng)
        ties, shared = self.ties(rides)
        self.clear_top(rides)
        for h in sorted(caught_heats):
            a, b = rides[2 * h], rides[2 * h + 1]
            chaser, victim = (a, b) if a.status == "caught" else (b, a)
            assert caught_at(chaser.splits_ms, victim.splits_ms) is not None
        for ride in rides:
            if rng.random() < 0.25:
                ride.splits_ms = ride.splits_ms[:-1]  # the finish split not taken
        return rides, ties, shared

    def ties(self, rides: list[Ride]) -> tuple[int, int]:
        """Make pairs equal at 0.01 s: most split by the last lap, a few shared."""
        rng = self.rng
        normal = [r for r in rides if r.status == "finished"]
        n_ties = max(1, self.n // 40)
        n_shared = 0 if self.n < 32 else max(1, self.n // 200)
        median = sorted(r.time_ms for r in normal)[len(normal) // 2]
        slow = [r for r in normal if r.time_ms > median]  # shared ranks away from the line
        rng.shuffle(normal)
        rng.shuffle(slow)
        used: set[int] = set()
        made = 0
        for a, b in zip(normal[0::2], normal[1::2], strict=False):
            if made == n_ties:
                break
            if a.rider in used or b.rider in used:
                continue
            used.update((a.rider, b.rider))
            digits = rng.sample(range(HUNDREDTH), 2)
            a.time_ms = a.time_ms // HUNDREDTH * HUNDREDTH + digits[0]
            b.time_ms = a.time_ms // HUNDREDTH * HUNDREDTH + digits[1]
            a.splits_ms = splits_for(a.time_ms, rng)
            b.splits_ms = splits_for(b.time_ms, rng)
            while key(a) == key(b):
                b.splits_ms = splits_for(b.time_ms, rng)
            made += 1
        shared = 0
        for a, b in zip(slow[0::2], slow[1::2], strict=False):
            if shared == n_shared:
                break
            if a.rider in used or b.rider in used:
                continue
            used.update((a.rider, b.rider))
            b.time_ms = a.time_ms
            b.splits_ms = [
                s + rng.randint(-30, 30) if k < LAST_LAP_FROM else s
                for k, s in enumerate(a.splits_ms)
            ]
            shared += 1
        return made, shared

    def clear_top(self, rides: list[Ride]) -> None:
        """No shared rank among the nine fastest, so the eight seeds are certain."""
        while True:
            ranked = sorted((r for r in rides if r.status != "overtaken"), key=key)
            top = ranked[: ADVANCE + 1]
            clash = next((b for a, b in itertools.pairwise(top) if key(a) == key(b)), None)
            if clash is None:
                return
            clash.time_ms += HUNDREDTH
            clash.splits_ms = splits_for(clash.time_ms, self.rng)

    def heat(self, number: int, better: int, worse: int, last_lap_tie: bool) -> list[Ride]:
        """Two knockout rides; the better seed wins about two times in three."""
        rng = self.rng
        winner, loser = (better, worse) if rng.random() < 0.65 else (worse, better)
        w = Ride(winner, rng.randint(FASTEST_MS, 285_000), [], heat=number)
        if last_lap_tie:
            digits = rng.sample(range(HUNDREDTH), 2)
            w.time_ms = w.time_ms // HUNDREDTH * HUNDREDTH + digits[0]
            lose_ms = w.time_ms // HUNDREDTH * HUNDREDTH + digits[1]
        else:
            lose_ms = w.time_ms + rng.randint(50, 5_000)
        w.splits_ms = splits_for(w.time_ms, rng)
        lo = Ride(loser, lose_ms, splits_for(lose_ms, rng), heat=number)
        while last_lap_tie and last_lap(w) // HUNDREDTH >= last_lap(lo) // HUNDREDTH:
            w.splits_ms = splits_for(w.time_ms, rng)
            lo.splits_ms = splits_for(lo.time_ms, rng)
        pair = [w, lo]
        rng.shuffle(pair)
        for ride, side in zip(pair, ("red", "green"), strict=True):
            ride.side = side
            if rng.random() < 0.25:
                ride.splits_ms = ride.splits_ms[:-1]
        return pair


def _winner(heat: list[Ride]) -> tuple[int, int]:
    a, b = heat
    return (a.rider, b.rider) if key(a) < key(b) else (b.rider, a.rider)


def build(n: int, seed: int = 1968) -> Synthetic:
    """A complete synthetic competition of `n` entrants under olympic-1968."""
    gen = _Generator(n, seed)
    names, codes = gen.entrants()
    qualifying, ties, shared = gen.qualifying()
    ranked = sorted((r for r in qualifying if r.status != "overtaken"), key=key)
    seeds = [r.rider for r in ranked[:ADVANCE]]
    qf_pairs = [(0, 7), (1, 6), (2, 5), (3, 4)]  # Q#1 v Q#8, … (0-based seeds)
    qf = [
        gen.heat(h + 1, seeds[a], seeds[b], last_lap_tie=h == 3)
        for h, (a, b) in enumerate(qf_pairs)
    ]
    qf_w = [_winner(h)[0] for h in qf]
    qf_l = [_winner(h)[1] for h in qf]
    rank_of = {rider: i for i, rider in enumerate(seeds)}

    def by_seed(a: int, b: int) -> tuple[int, int]:
        return (a, b) if rank_of[a] < rank_of[b] else (b, a)

    sf = [
        gen.heat(1, *by_seed(qf_w[0], qf_w[2]), False),
        gen.heat(2, *by_seed(qf_w[1], qf_w[3]), False),
    ]
    sf_w = [_winner(h)[0] for h in sf]
    sf_l = [_winner(h)[1] for h in sf]
    bronze = gen.heat(1, *by_seed(sf_l[0], sf_l[1]), False)
    final = gen.heat(1, *by_seed(sf_w[0], sf_w[1]), False)
    rounds = {"Q": qualifying, "QF": [r for h in qf for r in h], "SF": [r for h in sf for r in h]}
    rounds |= {"B": bronze, "F": final}
    text = render(n, names, codes, rounds)
    return Synthetic(
        n=n,
        text=text,
        names=names,
        seeds=[names[r] for r in seeds],
        podium=[names[r] for r in (*_winner(final), *_winner(bronze))],
        quarterfinal_losers=[names[r] for r in qf_l],
        overtaken=[names[r.rider] for r in qualifying if r.status == "overtaken"],
        qualifying_ties=ties,
        shared_ties=shared,
        rides=rounds,
    )


def render(n: int, names: list[str], codes: list[str], rounds: dict[str, list[Ride]]) -> str:
    out = [
        f"# Synthetic competition for benchmarks: {n} entrants (bench/synthetic.py).",
        "",
        "[competition]",
        f'title = "Synthetic individual pursuit, {n} entrants"',
        'event = "individual pursuit"',
        'gender = "men"',
        "distance_m = 4000",
        "track_length_m = 250",
        'venue = "Benchmark velodrome"',
        'dates = ["2024-08-07", "2024-08-08"]',
        'precision = "0.01"',
        'format = "olympic-1968"',
        "",
        "# The nation codes are invented: declared, so that the file checks clean.",
        "[nations]",
        *(f'{code} = "Nation {code}"' for code in sorted(set(codes))),
        "",
        "[entrants]",
        "riders = [",
    ]
    out += [
        f"  {{ name = {_quote(name)}, nation = {_quote(code)} }},"
        for name, code in zip(names, codes, strict=True)
    ]
    out.append("]")
    for round_id, rides in rounds.items():
        out += ["", f"[rounds.{round_id}]", "rides = ["]
        for ride in rides:
            fields = [
                f"heat = {ride.heat}",
                f'side = "{ride.side}"',
                f"rider = {_quote(names[ride.rider])}",
            ]
            fields.append(f'time = "{fmt(ride.time_ms)}"')
            if ride.status != "finished":
                fields.append(f'status = "{ride.status}"')
            splits = ", ".join(f'"{fmt(s)}"' for s in ride.splits_ms)
            fields.append(f"splits = [{splits}]")
            out.append(f"  {{ {', '.join(fields)} }},")
        out.append("]")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("entrants", type=int)
    parser.add_argument("--seed", type=int, default=1968)
    args = parser.parse_args(argv)
    sys.stdout.write(build(args.entrants, args.seed).text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
