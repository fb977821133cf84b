"""Multi-output ridge regression on sparse features by block conjugate gradients.

All 28 targets are solved together, so each pass over the sparse matrix serves every label
(scikit-learn's sparse_cg solver runs one pass per label). The intercept is left unpenalised
by centring the features implicitly, as scikit-learn does for sparse input. Everything is
float64, single-threaded and BLAS-free, so the same input gives the same bits.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import sparse


def fit_ridge(
    features: sparse.csr_matrix,
    targets: NDArray[np.float64],
    alpha: float,
    tol: float = 1e-4,
    max_iter: int = 500,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Weights (n_features, n_targets) and intercepts minimising
    ||X W + b - T||^2 + alpha ||W||^2."""
    x = features.tocsr().astype(np.float64)
    xt = x.T.tocsr()
    mean_x = np.asarray(x.mean(axis=0)).ravel()
    mean_t = targets.mean(axis=0)
    centred_t = targets - mean_t

    def normal(p: NDArray[np.float64]) -> NDArray[np.float64]:
        # (Xc^T Xc + alpha I) p with Xc = X - 1 mean_x^T, never formed.
        xp = x @ p - _row_times(mean_x, p)
        return xt @ xp - np.outer(mean_x, xp.sum(axis=0)) + alpha * p

    rhs = xt @ centred_t - np.outer(mean_x, centred_t.sum(axis=0))
    weights = np.zeros_like(rhs)
    residual = rhs.copy()
    direction = residual.copy()
    rs = (residual * residual).sum(axis=0)
    limit = (tol * np.linalg.norm(rhs, axis=0)) ** 2
    active = rs > limit
    for _ in range(max_iter):
        if not active.any():
            break
        a_dir = normal(direction)
        step = np.where(active, rs / np.maximum((direction * a_dir).sum(axis=0), 1e-300), 0.0)
        weights += direction * step
        residual -= a_dir * step
        rs_new = (residual * residual).sum(axis=0)
        direction = residual + direction * np.where(active, rs_new / np.maximum(rs, 1e-300), 0.0)
        rs = rs_new
        active = rs > limit
    intercept = mean_t - _row_times(mean_x, weights)
    return weights, intercept


def _row_times(row: NDArray[np.float64], matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    # row @ matrix without BLAS: BLAS kernels differ between CPUs in summation order, and a
    # last-bit difference could flip an int8 rounding of the shipped weights. Summing along
    # axis 0 adds rows one after another on every machine.
    return np.asarray((row[:, None] * matrix).sum(axis=0))
