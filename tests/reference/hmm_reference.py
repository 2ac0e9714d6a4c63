"""Independent reference for src/core/ml/hmm*.ts: statsmodels' MarkovRegression with a switching mean and a switching
variance (a 2-state Gaussian HMM whose first state is drawn from the chain's steady state).
usage: python3 hmm_reference.py <file.csv>  (one column of observations after a header)
Prints JSON: the fitted means, variances, transition (row = from), steady-state initial, llf, filtered and smoothed
probabilities (T rows of K)."""
import json
import sys
import warnings

import numpy as np
from statsmodels.tsa.regime_switching.markov_regression import MarkovRegression

warnings.simplefilter("ignore")
x = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=1)
res = MarkovRegression(x, k_regimes=2, trend="c", switching_variance=True).fit(search_reps=20, disp=False)
k = 2
names = res.model.param_names
params = dict(zip(names, res.params))
# statsmodels: P[i, j] = P(s_t = i | s_{t-1} = j); ours is row = from, so transpose.
transition = res.model.regime_transition_matrix(res.params)[:, :, 0].T
initial = res.model.initial_probabilities(res.params)
print(json.dumps({
    "means": [params[f"const[{j}]"] for j in range(k)],
    "variances": [params[f"sigma2[{j}]"] for j in range(k)],
    "transition": transition.flatten().tolist(),
    "initial": initial.tolist(),
    "llf": res.llf,
    "filtered": np.asarray(res.filtered_marginal_probabilities).tolist(),
    "smoothed": np.asarray(res.smoothed_marginal_probabilities).tolist(),
}))
