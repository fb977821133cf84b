"""Early warning on simulated couples: detection delay and false alarms.

    .venv/bin/python benchmarks/drift.py [--seeds 200]

For each seed, the detector is asked every day, as the app asks it, and the first warning
counts. Fading couples (one partner fades from a known date, over two weeks, and over four
weeks as a harder case) report how many days after the true date the warning came, and how
far its "began" date is from the truth; stable couples (noisy days, weekly mood wobble,
holidays) report how many were ever flagged. The simulator is ``nearer.core.drift.simulate``.
"""

from __future__ import annotations

import argparse
import time
from statistics import quantiles

from nearer.core.drift import simulate


def _delays(kind: str, seeds: int, fade_days: int) -> tuple[list[int], list[int], int, int]:
    delays: list[int] = []
    began_errors: list[int] = []
    missed = wrong = 0
    for seed in range(seeds):
        couple = simulate.couple(kind, seed, fade_days)
        found = simulate.first_warning(couple)
        assert couple.fade_start is not None
        if found is None:
            missed += 1
            continue
        delays.append((found.on - couple.fade_start).days)
        if found.began is not None:
            began_errors.append(abs((found.began - couple.fade_start).days))
        expected = ["A"] if kind == "fading" else None
        if expected is not None and found.drifting != expected:
            wrong += 1
    return delays, began_errors, missed, wrong


def _spread(values: list[int]) -> str:
    if len(values) < 2:
        return f"{values}"
    q = quantiles(values, n=20, method="inclusive")
    return (
        f"min {min(values)}, median {q[9]:.0f}, 90th {q[17]:.0f}, 95th {q[18]:.0f}, "
        f"max {max(values)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=200)
    seeds = parser.parse_args().seeds
    started = time.perf_counter()
    print(f"Early warning on {seeds} simulated couples per scenario\n")
    for kind, fade_days in (("fading", 14), ("fading", 28), ("both_fading", 14)):
        delays, began, missed, wrong = _delays(kind, seeds, fade_days)
        within = sum(1 for d in delays if 0 <= d <= 21)
        early = sum(1 for d in delays if d < 0)
        print(f"{kind}, fade over {fade_days} days:")
        print(f"  flagged {len(delays)}/{seeds}, missed {missed}, before the true date {early}")
        print(f"  within 21 days of the true date: {within}/{seeds} ({100 * within / seeds:.1f}%)")
        print(f"  delay in days: {_spread(delays)}")
        print(f"  'began' date off by (days): {_spread(began)}")
        if kind == "fading":
            print(f"  the wrong partner named: {wrong}")
        print()
    flagged = 0
    for seed in range(seeds):
        if simulate.first_warning(simulate.couple("stable", seed)) is not None:
            flagged += 1
    print(f"stable couples (26 weeks each, asked daily): flagged {flagged}/{seeds}")
    print(f"false-alarm rate: {100 * flagged / seeds:.1f}% of couples over 26 weeks")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
