"""The statistics under the signals, apart from any wording.

* ``cliffs_delta``: effect size over all pairs of weeks (Cliff 1993); "large" from 0.474
  (Romano, Kromrey, Coraggio and Skowronek 2006);
* ``mann_whitney_p``: two-sided rank test (Mann and Whitney 1947), normal approximation
  with tie and continuity correction;
* ``holm``: step-down correction for many tests (Holm 1979);
* ``bootstrap_interval``: percentile interval of a difference in medians (Efron 1979);
* ``change_point``: the best single split of a series into two means (least squares; the
  binary-segmentation step of Scott and Knott 1974).
"""

from __future__ import annotations

import math

import numpy as np

from nearer.core.arrays import Floats

CLIFF_LARGE = 0.474  # Romano, Kromrey, Coraggio and Skowronek (2006)
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 7  # fixed: the same interval on every run


def cliffs_delta(recent: Floats, baseline: Floats) -> float:
    """P(recent > baseline) - P(recent < baseline) over all pairs of weeks."""
    diff = recent[:, None] - baseline[None, :]
    return float((np.sign(diff)).mean())


def mann_whitney_p(a: Floats, b: Floats) -> float:
    """Two-sided p of the Mann-Whitney U test (normal approximation, tie-corrected)."""
    n1, n2 = a.shape[0], b.shape[0]
    both = np.concatenate((a, b))
    order = np.argsort(both, kind="stable")
    ranks = np.empty(both.shape[0])
    sorted_vals = both[order]
    i = 0
    while i < sorted_vals.shape[0]:
        j = i
        while j + 1 < sorted_vals.shape[0] and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2.0
    _, tie_counts = np.unique(both, return_counts=True)
    n = n1 + n2
    tie_term = float((tie_counts**3 - tie_counts).sum()) / (n * (n - 1))
    sigma = math.sqrt(n1 * n2 / 12.0 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0
    z = (abs(u - n1 * n2 / 2.0) - 0.5) / sigma
    return math.erfc(max(z, 0.0) / math.sqrt(2.0))


def holm(p_values: list[float]) -> list[float]:
    """Holm (1979) step-down adjusted p values, in the order given (monotone in rank)."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    m = len(p_values)
    adjusted = list(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def bootstrap_interval(
    recent: Floats, baseline: Floats, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """95 % percentile interval of median(recent) - median(baseline)."""
    rng = np.random.default_rng(seed)
    r = recent[rng.integers(0, recent.shape[0], (BOOTSTRAP_SAMPLES, recent.shape[0]))]
    b = baseline[rng.integers(0, baseline.shape[0], (BOOTSTRAP_SAMPLES, baseline.shape[0]))]
    diffs = np.median(r, axis=1) - np.median(b, axis=1)
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return float(lo), float(hi)


def change_point(series: Floats) -> int | None:
    """Index where a two-segment mean model fits best (NaN weeks ignored), or None."""
    idx = np.flatnonzero(~np.isnan(series))
    if idx.size < 6:
        return None
    x = series[idx]
    best, best_k = math.inf, None
    for k in range(2, x.shape[0] - 1):
        left, right = x[:k], x[k:]
        cost = float(((left - left.mean()) ** 2).sum() + ((right - right.mean()) ** 2).sum())
        if cost < best:
            best, best_k = cost, k
    return None if best_k is None else int(idx[best_k])
