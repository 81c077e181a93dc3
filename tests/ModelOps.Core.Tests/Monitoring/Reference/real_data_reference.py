#!/usr/bin/python3
"""Reference numbers for RealDataDriftTests (issue 12, item 9).

Run with /usr/bin/python3 (Debian's python3-numpy and python3-scipy; no pandas) from the repository root:

    /usr/bin/python3 tests/ModelOps.Core.Tests/Monitoring/Reference/real_data_reference.py \
        > tests/ModelOps.Core.Tests/Monitoring/Reference/real_data_reference.json

For each pair of samples it prints, per column, (1) what Evidently's default column drift computes (its method choice
by reference size and distinct values, and its ks / chisquare / z / jensenshannon / wasserstein stat tests, rewritten
here on numpy because pandas is not installed; NaN and infinities dropped first as Evidently does), and (2) the
classical scipy test on the same column: ks_2samp for numeric columns, chi2_contingency on the reference/current count
table for categorical ones, drift at p < 0.05.
"""
import csv
import json
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

DATA = "../shared/data/tabular/"


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def column(rows, name, kind):
    values = [r[name] for r in rows if r[name] != ""]
    if kind == "numeric":
        values = np.array([float(v) for v in values])
        return values[np.isfinite(values)]
    return np.array(values, dtype=object)


def counts(reference, current):
    keys = sorted(set(reference.tolist()) | set(current.tolist()))
    ref = np.array([np.sum(reference == k) for k in keys], dtype=float)
    cur = np.array([np.sum(current == k) for k in keys], dtype=float)
    return keys, ref, cur


def evidently(reference, current, kind):
    n_values = len(set(reference.tolist()) | set(current.tolist()))
    if len(reference) <= 1000:
        if kind == "numeric" and n_values > 5:
            method = "ks"
        else:
            method = "chisquare" if n_values > 2 else "z"
    else:
        method = "wasserstein" if kind == "numeric" and n_values > 5 else "jensenshannon"

    if method == "ks":
        result = stats.ks_2samp(reference, current)
        return method, float(result.statistic), float(result.pvalue), 0.05, bool(result.pvalue <= 0.05)
    if method == "chisquare":
        _, ref, cur = counts(reference, current)
        result = stats.chisquare(cur, ref * len(current) / len(reference))
        return method, float(result.statistic), float(result.pvalue), 0.05, bool(result.pvalue < 0.05)
    if method == "z":
        keys, ref, cur = counts(reference, current)
        if len(set(reference.tolist())) == 1 and len(set(current.tolist())) == 1 and reference[0] == current[0]:
            return method, 0.0, 1.0, 0.05, False
        p1 = (len(reference) - ref[0]) / len(reference)
        p2 = (len(current) - cur[0]) / len(current)
        pooled = (p1 * len(reference) + p2 * len(current)) / (len(reference) + len(current))
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / len(reference) + 1 / len(current)))
        p = 2 * (1 - stats.norm.cdf(abs(z)))
        return method, float(z), float(p), 0.05, bool(p < 0.05)
    if method == "wasserstein":
        value = stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)
        return method, float(value), None, 0.1, bool(value >= 0.1)
    # jensenshannon, Evidently's get_binned_data without zero filling
    if kind == "numeric" and len(set(reference.tolist())) > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        _, ref, cur = counts(reference, current)
        ref, cur = ref / len(reference), cur / len(current)
    value = distance.jensenshannon(ref, cur)
    return method, float(value), None, 0.1, bool(value >= 0.1)


def classical(reference, current, kind):
    if kind == "numeric":
        return "ks_2samp", float(stats.ks_2samp(reference, current).pvalue)
    _, ref, cur = counts(reference, current)
    return "chi2_contingency", float(stats.chi2_contingency(np.array([ref, cur]))[1])


def check(name, reference_rows, current_rows, columns):
    out = []
    for col, kind in columns:
        reference, current = column(reference_rows, col, kind), column(current_rows, col, kind)
        method, statistic, p_value, threshold, drifted = evidently(reference, current, kind)
        test, scipy_p = classical(reference, current, kind)
        out.append({
            "name": col, "kind": kind, "method": method, "statistic": statistic, "pValue": p_value,
            "threshold": threshold, "drifted": drifted, "scipyTest": test, "scipyPValue": scipy_p,
            "scipyDrifted": bool(scipy_p < 0.05),
        })
    share = sum(c["drifted"] for c in out) / len(out)
    return {"name": name, "columns": out, "driftedShare": share, "datasetDrift": bool(share >= 0.5)}


def main():
    titanic_columns = [("Pclass", "numeric"), ("Sex", "categorical"), ("Age", "numeric"), ("SibSp", "numeric"),
                       ("Parch", "numeric"), ("Fare", "numeric"), ("Embarked", "categorical")]
    elec_columns = [(f"feat_{i}", "numeric") for i in range(1, 7)] + [("target", "categorical")]
    elec = read(DATA + "skmultiflow_elec.csv")
    month = 30 * 48  # 48 half-hour periods a day
    checks = [
        check("titanic reference vs analysis", read(DATA + "nannyml_titanic_reference.csv"),
              read(DATA + "nannyml_titanic_analysis.csv"), titanic_columns),
        check("elec first vs last month", elec[:month], elec[-month:], elec_columns),
    ]
    json.dump({"generatedBy": "real_data_reference.py", "scipy": scipy.__version__, "numpy": np.__version__,
               "elecMonthRows": month, "checks": checks}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
