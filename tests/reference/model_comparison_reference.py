"""Independent reference for src/core/ml/modelComparison.ts and dieboldMariano.ts: two linear models scored on the
same rows of a panel (pandas), their MSE, MAE, R² (scikit-learn), hit rate, IC (scipy's Spearman), and the
Diebold-Mariano test on the per-date mean squared-error differential as statsmodels' HAC (Bartlett) t-statistic.
usage: python3 model_comparison_reference.py <panel.csv> <spec.json>
  panel: date (epoch ms), symbol, close and feature columns; spec: {horizon, from, to, models: [{features, intercept,
  coefficients}, …]}. Prints JSON: rows, dates, per model {mse, mae, r2, hitRate, ic}, meanDifference, statistic, pValue."""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import spearmanr
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

panel = pd.read_csv(sys.argv[1])
with open(sys.argv[2]) as f:
    spec = json.load(f)
h = spec["horizon"]
panel = panel.sort_values(["symbol", "date"])
panel["y"] = panel.groupby("symbol")["close"].shift(-h) / panel["close"] - 1
features = sorted({f for m in spec["models"] for f in m["features"]})
rows = panel.dropna(subset=["y", *features])
rows = rows[(rows["date"] >= spec["from"]) & (rows["date"] <= spec["to"])].sort_values(["date", "symbol"])
out = {"rows": len(rows), "dates": int(rows["date"].nunique()), "models": []}
losses = []
for m in spec["models"]:
    pred = m["intercept"] + rows[m["features"]].to_numpy() @ np.asarray(m["coefficients"])
    y = rows["y"].to_numpy()
    out["models"].append({
        "mse": mean_squared_error(y, pred),
        "mae": mean_absolute_error(y, pred),
        "r2": r2_score(y, pred),
        "hitRate": float(np.mean((np.sign(pred) == np.sign(y)) & (y != 0))),
        "ic": spearmanr(pred, y).statistic,
    })
    losses.append((y - pred) ** 2)
d = pd.Series(losses[0] - losses[1], index=rows["date"].to_numpy()).groupby(level=0).mean().to_numpy()
fit = sm.OLS(d, np.ones(len(d))).fit(cov_type="HAC", cov_kwds={"maxlags": h - 1, "use_correction": False})
out.update({"meanDifference": float(fit.params[0]), "statistic": float(fit.tvalues[0]), "pValue": float(fit.pvalues[0])})
print(json.dumps(out))
