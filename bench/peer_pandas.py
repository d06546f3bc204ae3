#!/usr/bin/python3
"""Hand-tuned pandas peer of the bench audit: the same statistics modelgate computes on the bench
policy, written the fast way (usecols, category dtype, crosstab, groupby, sklearn roc_auc_score).

    /usr/bin/python3 bench/peer_pandas.py bench/data/1000000/holdout.csv [out.json]

Debian's python3-pandas and python3-sklearn are enough (pandas has no Parquet engine there, so the
peer reads the CSV). Not needed by CI or by `npm run bench`; `npm run bench -- --peer` runs it.
"""
import hashlib
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

SENSITIVE = ["race", "sex", "age_band"]
FEATURES = [f"f{k}" for k in range(10)]
SHAP = [f"shap_f{k}" for k in range(10)]
BASE = -1.0


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(8 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def binary_metrics(c):
    """Standard metric set from one group's confusion counts (dict tn, fp, fn, tp)."""
    tn, fp, fn, tp = c["tn"], c["fp"], c["fn"], c["tp"]
    n = tn + fp + fn + tp
    div = lambda a, b: a / b if b else None
    rec, spec = div(tp, tp + fn), div(tn, tn + fp)
    prec = div(tp, tp + fp)
    return {
        "accuracy": div(tp + tn, n), "precision": prec, "recall": rec, "specificity": spec,
        "fpr": div(fp, fp + tn), "fnr": div(fn, fn + tp), "selection_rate": div(tp + fp, n),
        "f1": div(2 * tp, 2 * tp + fp + fn),
        "balanced_accuracy": None if rec is None or spec is None else (rec + spec) / 2,
    }


def score_metrics(y, s):
    out = {"auc": None, "pr_auc": None}
    if 0 < y.sum() < len(y):
        out["auc"] = roc_auc_score(y, s)
        out["pr_auc"] = average_precision_score(y, s)
    q = np.clip(s, 2.0 ** -52, 1 - 2.0 ** -52)
    out["log_loss"] = float(-np.mean(np.where(y == 1, np.log(q), np.log1p(-q))))
    out["brier"] = float(np.mean((s - y) ** 2))
    return out


def group_table(df, keys):
    ct = pd.crosstab([df[k] for k in keys] + [df.label], df.prediction)
    out = {}
    for idx, row in ct.iterrows():
        *g, y = idx if isinstance(idx, tuple) else (idx,)
        c = out.setdefault(tuple(g), {"tn": 0, "fp": 0, "fn": 0, "tp": 0})
        c["tn" if y == 0 else "fn"] += int(row.get(0, 0))
        c["fp" if y == 0 else "tp"] += int(row.get(1, 0))
    res = {}
    for g, sub in df.groupby(keys if len(keys) > 1 else keys[0], observed=True, sort=True):
        g = g if isinstance(g, tuple) else (g,)
        y, s = sub.label.to_numpy(), sub.score.to_numpy()
        res[", ".join(f"{k}={v}" for k, v in zip(keys, g))] = {**binary_metrics(out[g]), **score_metrics(y, s), "n": len(sub)}
    return res


def main():
    path = sys.argv[1]
    dtypes = {"label": "int8", "prediction": "int8", "score": "float64", **{c: "category" for c in SENSITIVE}}
    dtypes.update({c: "float64" for c in FEATURES + SHAP})
    df = pd.read_csv(path, usecols=list(dtypes), dtype=dtypes, engine="c", float_precision="round_trip")
    y, s = df.label.to_numpy(), df.score.to_numpy()
    overall_counts = pd.crosstab(df.label, df.prediction)
    c = {"tn": int(overall_counts.loc[0, 0]), "fp": int(overall_counts.loc[0, 1]), "fn": int(overall_counts.loc[1, 0]), "tp": int(overall_counts.loc[1, 1])}
    result = {
        "rows": len(df),
        "sha256": sha256(path),
        "overall": {**binary_metrics(c), **score_metrics(y, s)},
        "groups": {k: group_table(df, [k]) for k in SENSITIVE},
        "intersection": group_table(df, SENSITIVE),
    }
    for name in ("demographic_parity_difference", "equalized_odds_difference"):
        per = result["groups"]
        sr = {k: [g["selection_rate"] for g in v.values()] for k, v in per.items()}
        if name == "demographic_parity_difference":
            result[name] = {k: max(v) - min(v) for k, v in sr.items()}
        else:
            result[name] = {
                k: max(max(g["recall"] for g in v.values()) - min(g["recall"] for g in v.values()),
                       max(g["fpr"] for g in v.values()) - min(g["fpr"] for g in v.values()))
                for k, v in per.items()
            }
    shap = df[SHAP].to_numpy()
    complete = np.isfinite(shap).all(axis=1)
    total = BASE + shap.sum(axis=1)
    logit = np.log(s / (1 - s))
    ok = complete & (np.abs(total - logit) <= 1e-6 + 1e-6 * np.abs(logit))
    result["explanation_coverage"] = float(complete.mean())
    result["explanation_additivity"] = float(ok.sum() / complete.sum())
    result["null_rate"] = {f: float(df[f].isna().mean()) for f in FEATURES}
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            json.dump(result, f, indent=1, default=float)
    print(f"rows {result['rows']} auc {result['overall']['auc']!r} additivity {result['explanation_additivity']!r}")


if __name__ == "__main__":
    main()
