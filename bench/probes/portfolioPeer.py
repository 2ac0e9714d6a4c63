"""Peer timings for `nautilus bench portfolio`: numpy/scipy on the same returns file (float64, T×n row-major).

argv: returns_path T n task repeats; prints JSON {"ms": median milliseconds, "weights": [...]}.
Tasks: cov (np.cov), minvar-unconstrained (np.linalg.solve), risk-parity (scipy L-BFGS-B on the ERC
log-barrier problem), hrp (scipy single linkage + López de Prado's recursive bisection, from the covariance).
Only the computation is timed, not reading the file.
"""
import json
import sys
import time

import numpy as np
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd
from scipy.optimize import minimize

path, T, n, task, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
x = np.fromfile(path, dtype="<f8").reshape(T, n)
cov = np.cov(x, rowvar=False, ddof=1)


def hrp(cov):
    sd = np.sqrt(np.diag(cov))
    dist = np.sqrt(np.clip((1 - cov / np.outer(sd, sd)) / 2, 0, None))
    np.fill_diagonal(dist, 0)
    link = sch.linkage(ssd.squareform(dist, checks=False), "single")
    order = sch.leaves_list(link).tolist()
    w = np.ones(len(order))
    clusters = [order]
    while clusters:
        clusters = [c[j:k] for c in clusters for j, k in ((0, len(c) // 2), (len(c) // 2, len(c))) if len(c) > 1]
        for i in range(0, len(clusters), 2):
            c0, c1 = clusters[i], clusters[i + 1]
            v = []
            for c in (c0, c1):
                sub = cov[np.ix_(c, c)]
                ivp = 1 / np.diag(sub)
                ivp /= ivp.sum()
                v.append(ivp @ sub @ ivp)
            a = 1 - v[0] / (v[0] + v[1])
            w[c0] *= a
            w[c1] *= 1 - a
    return w


def risk_parity(cov):
    k = cov.shape[0]
    res = minimize(lambda y: 0.5 * y @ cov @ y - np.sum(np.log(y)) / k, 1 / np.sqrt(np.diag(cov)),
                   jac=lambda y: cov @ y - 1 / (k * y), method="L-BFGS-B", bounds=[(1e-12, None)] * k,
                   options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 100000})
    return res.x / res.x.sum()


def run():
    if task == "cov":
        return np.cov(x, rowvar=False, ddof=1)[0]
    if task == "minvar-unconstrained":
        z = np.linalg.solve(cov, np.ones(n))
        return z / z.sum()
    if task == "risk-parity":
        return risk_parity(cov)
    if task == "hrp":
        return hrp(cov)
    raise SystemExit(f"unknown task {task}")


times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    out = run()
    times.append((time.perf_counter() - t0) * 1000)
json.dump({"ms": float(np.median(times)), "weights": np.asarray(out).tolist()}, sys.stdout)
