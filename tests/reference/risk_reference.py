#!/usr/bin/python3
"""Independent reference for src/core/risk: historical and parametric VaR/ES and their components with numpy/scipy.

Written from the conventions in the issue (not from the TypeScript). Reads a JSON request on stdin:
  {"closes": {"SYM": [..]}, "values": {"SYM": v}, "window": N, "confidences": [0.95, 0.99]}
closes are already aligned (same dates, oldest first). Prints one JSON object.
"""
import json
import sys

import numpy as np
from scipy import stats

req = json.load(sys.stdin)
symbols = list(req["values"].keys())
w = np.array([req["values"][s] for s in symbols], dtype=float)
C = np.array([req["closes"][s] for s in symbols], dtype=float).T  # days x n
N = int(req["window"])
C = C[-(N + 1):]
R = C[1:] / C[:-1] - 1.0  # N x n simple returns
pnl_by_position = R * w  # N x n
pnl = pnl_by_position.sum(axis=1)

out = {"historical": {}, "parametric": {}}
for c in req["confidences"]:
    key = str(round(c * 100, 6)).rstrip("0").rstrip(".")
    q = np.quantile(pnl, 1 - c)  # numpy default method 'linear'
    var = -q
    tail = pnl <= q
    es = -pnl[tail].mean()
    # components: numpy's interpolation between the two order statistics around h = (N - 1)(1 - c)
    order = np.argsort(pnl, kind="stable")
    h = (len(pnl) - 1) * (1 - c)
    lo = int(np.floor(h))
    hi = min(lo + 1, len(pnl) - 1)
    g = h - lo
    comp_var = -((1 - g) * pnl_by_position[order[lo]] + g * pnl_by_position[order[hi]])
    comp_es = -pnl_by_position[tail].mean(axis=0)
    out["historical"][key] = {"var": var, "es": es, "componentVar": comp_var.tolist(), "componentEs": comp_es.tolist()}

    S = np.cov(R, rowvar=False, ddof=1)
    sigma = float(np.sqrt(w @ S @ w))
    z = stats.norm.ppf(c)
    es_factor = stats.norm.pdf(z) / (1 - c)
    euler = w * (S @ w) / sigma
    out["parametric"][key] = {
        "var": z * sigma,
        "es": sigma * es_factor,
        "componentVar": (euler * z).tolist(),
        "componentEs": (euler * es_factor).tolist(),
    }
out["symbols"] = symbols
json.dump(out, sys.stdout)
