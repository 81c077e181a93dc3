#!/usr/bin/python3
"""Reads the load generator's CSV (start_ms,end_ms,host,status,version) against a model's serving history.

    analyze.py shares LOAD.csv HISTORY.json SKIP_MS     # per phase between traffic changes: weight vs observed share
    analyze.py breach LOAD.csv HISTORY.json ROLLOUT.json  # guardrail breach -> last answer of the candidate, per host

shares: a phase runs from one change's `at` to the next's (run.sh pins version 1 before the load starts); requests that started within SKIP_MS after a change are left out of every phase (the
change is recorded at the rollout step's time and reaches routing when its activity has written it). Exit 1 when a
request failed or a share is off by more than 3 percentage points.
"""
import csv
import json
import os
import sys
from datetime import datetime


def ms(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def load(path):
    with open(path) as f:
        return [(float(r["start_ms"]), float(r["end_ms"]), int(r["host"]), int(r["status"]), r["version"]) for r in csv.DictReader(f)]


def changes(path):
    entries = json.load(open(path))["changes"]
    return sorted(((ms(c["at"]), {str(k): v for k, v in c["policy"]["weights"].items()}, c["reason"]) for c in entries), key=lambda c: c[0])


def shares(load_path, history_path, skip_ms):
    rows, history = load(load_path), changes(history_path)
    failed = [r for r in rows if not 200 <= r[3] < 300]
    print(f"requests {len(rows)}, failed {len(failed)}" + (f" (statuses {sorted({r[3] for r in failed})})" if failed else ""))
    phases = history
    worst, ok = 0.0, not failed
    print(f"{'phase':<6} {'from (s)':>9} {'to (s)':>8} {'requests':>9}  weight -> observed share (percentage points off)")
    t0, t1 = min(r[0] for r in rows), max(r[0] for r in rows)
    for i, (start, weights, _) in enumerate(phases):
        end = phases[i + 1][0] if i + 1 < len(phases) else float("inf")
        chosen = [r for r in rows if start + skip_ms <= r[0] < end and 200 <= r[3] < 300]
        if not chosen:
            continue
        counts = {}
        for r in chosen:
            counts[r[4]] = counts.get(r[4], 0) + 1
        parts = []
        for v in sorted(set(weights) | set(counts), key=int):
            observed = 100.0 * counts.get(v, 0) / len(chosen)
            off = observed - weights.get(v, 0)
            worst = max(worst, abs(off))
            ok &= abs(off) <= 3
            parts.append(f"v{v} {weights.get(v, 0)}% -> {observed:.2f}% ({off:+.2f})")
        lo = max(start + skip_ms, t0) - t0
        hi = min(end, t1) - t0
        print(f"{i:<6} {lo / 1000:>9.1f} {hi / 1000:>8.1f} {len(chosen):>9}  " + ", ".join(parts))
    left_out = sum(1 for r in rows if any(at <= r[0] < at + skip_ms for at, _, _ in history))
    print(f"left out: {left_out} requests that started within {skip_ms:.0f} ms after one of {len(history)} changes; worst share error {worst:.2f} pp")
    # How long after its recorded time each change reached routing: the first answer from a version it added.
    for at, weights, reason in history:
        before = ([{}] + [p[1] for p in phases if p[0] < at])[-1]
        added = [v for v, w in weights.items() if w > 0 and before.get(v, 0) == 0]
        removed = [v for v, w in before.items() if w > 0 and weights.get(v, 0) == 0]
        first = min((r[0] for r in rows if r[4] in added and r[0] >= at - 60_000), default=None) if added else None
        last = max((r[0] for r in rows if r[4] in removed and r[0] < at + 60_000), default=None) if removed else None
        effect = [f"first answer of v{','.join(added)} {(first - at):+.0f} ms" for _ in [0] if first is not None]
        effect += [f"last request answered by v{','.join(removed)} started {(last - at):+.0f} ms" for _ in [0] if last is not None]
        print(f"change {json.dumps(weights)} ({reason[:60]}): " + ("; ".join(effect) or "-"))
    return 0 if ok else 1


def breach(load_path, history_path, rollout_path):
    rows, history, rollout = load(load_path), changes(history_path), json.load(open(rollout_path))
    candidate = str(rollout["version"])
    readings = [g for g in rollout.get("guardrails") or [] if g.get("breached")]
    print(f"rollout {rollout['id']}: status {rollout['status']}; reason: {rollout.get('reason')}")
    if not readings:
        print("no breached guardrail recorded")
        return 1
    breached_at = ms(readings[0]["at"])
    rollback_at = [at for at, weights, _ in history if weights.get(candidate, 0) == 0 and at >= breached_at - 1000]
    rollback_at = rollback_at[0] if rollback_at else None
    canary_at = max(at for at, weights, _ in history if weights.get(candidate, 0) > 0)
    print(f"canary recorded at +0 ms; breach reading at {breached_at - canary_at:+.0f} ms; rollback recorded at "
          + (f"{rollback_at - canary_at:+.0f} ms" if rollback_at else "-"))
    failed = sum(1 for r in rows if not 200 <= r[3] < 300)
    print(f"requests {len(rows)}, failed {failed} (the slow candidate answers, slowly: none should fail)")
    for host in sorted({r[2] for r in rows}):
        mine = [r for r in rows if r[2] == host]
        served = [r for r in mine if r[4] == candidate]
        last = max((r[0] for r in served), default=None)
        after = [r for r in mine if r[0] > (last or 0)]
        if last is None:
            print(f"host {host}: the candidate never answered")
            continue
        if os.environ.get("BREACH_LOG"):
            with open(os.environ["BREACH_LOG"], "a") as log:
                log.write(f"{host} {last - breached_at:.0f}\n")
        print(f"host {host}: {len(served)} candidate answers; last request it answered started {last - breached_at:+.0f} ms after the breach "
              + (f"({last - rollback_at:+.0f} ms after the rollback was recorded)" if rollback_at else "") + f"; {len(after)} requests after it, none by v{candidate}")
    return 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    sys.exit(shares(rest[0], rest[1], float(rest[2])) if command == "shares" else breach(*rest))
