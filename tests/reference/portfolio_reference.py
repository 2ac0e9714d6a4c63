"""Independent portfolio references for tests/unit/core/portfolio/referenceParity.test.ts.

Reads one JSON request on stdin: {"returns": [[...T rows of n]], "cases": [...]} and prints JSON results.
sklearn's LedoitWolf, numpy's covariance, scipy's single linkage with López de Prado's HRP code, and
scipy's SLSQP for the maximum Sharpe ratio under bounds; nothing here shares code with src/core/portfolio.
"""
import json
import sys

import numpy as np
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd
from scipy.optimize import minimize
from sklearn.covariance import LedoitWolf


def hrp(cov):
    # López de Prado (2016), with single linkage on d = sqrt((1 - rho) / 2) as PyPortfolioOpt does.
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    dist = np.sqrt(np.clip((1 - corr) / 2, 0, None))
    np.fill_diagonal(dist, 0)
    link = sch.linkage(ssd.squareform(dist, checks=False), "single")
    order = [int(i) for i in sch.to_tree(link, rd=False).pre_order()]
    w = np.ones(len(order))
    clusters = [order]
    while clusters:
        clusters = [c[j:k] for c in clusters for j, k in ((0, len(c) // 2), (len(c) // 2, len(c))) if len(c) > 1]
        for i in range(0, len(clusters), 2):
            c0, c1 = clusters[i], clusters[i + 1]

            def cvar(c):
                sub = cov[np.ix_(c, c)]
                ivp = 1 / np.diag(sub)
                ivp /= ivp.sum()
                return ivp @ sub @ ivp

            v0, v1 = cvar(c0), cvar(c1)
            alpha = 1 - v0 / (v0 + v1)
            w[c0] *= alpha
            w[c1] *= 1 - alpha
    return {"weights": w.tolist(), "order": order, "heights": link[:, 2].tolist()}


def max_sharpe(cov, mu, rf, lo, hi):
    n = len(mu)

    def neg(w):
        return -(w @ mu - rf) / np.sqrt(w @ cov @ w)

    res = minimize(neg, np.full(n, 1 / n), method="SLSQP", bounds=[(lo, hi)] * n,
                   constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}], options={"ftol": 1e-15, "maxiter": 1000})
    return {"weights": res.x.tolist(), "sharpe": float(-res.fun), "success": bool(res.success)}


def risk_parity(cov):
    n = cov.shape[0]

    def f(y):
        return 0.5 * y @ cov @ y - np.sum(np.log(y)) / n

    res = minimize(f, 1 / np.sqrt(np.diag(cov)), jac=lambda y: cov @ y - 1 / (n * y), method="L-BFGS-B",
                   bounds=[(1e-12, None)] * n, options={"ftol": 1e-16, "gtol": 1e-14, "maxiter": 10000})
    return {"weights": (res.x / res.x.sum()).tolist()}


def main():
    req = json.load(sys.stdin)
    x = np.array(req["returns"], dtype=float)
    out = {}
    for case in req["cases"]:
        kind = case["kind"]
        if kind == "sample":
            out[kind] = np.cov(x, rowvar=False, ddof=1).tolist()
        elif kind == "ledoit-wolf":
            lw = LedoitWolf().fit(x)
            out[kind] = {"covariance": lw.covariance_.tolist(), "shrinkage": float(lw.shrinkage_)}
        elif kind == "hrp":
            out[kind] = hrp(np.cov(x, rowvar=False, ddof=1))
        elif kind == "max-sharpe":
            cov = np.cov(x, rowvar=False, ddof=1)
            out[kind] = max_sharpe(cov, x.mean(axis=0), case["rf"], case["lo"], case["hi"])
        elif kind == "risk-parity":
            out[kind] = risk_parity(np.cov(x, rowvar=False, ddof=1))
        else:
            raise SystemExit(f"unknown case {kind}")
    json.dump(out, sys.stdout)


main()
