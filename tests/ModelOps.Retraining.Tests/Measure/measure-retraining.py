#!/usr/bin/env python3
"""Measures retraining through the real host (Release build) on a private Azurite:
   - wall time of whole runs (validate, train, evaluate, register, promote) on a CSV and the host's peak RSS (VmHWM),
   - time from a blob landing (upload response) to its run's createdTime,
   - runner overhead per activity: step duration (scheduled -> completed) minus the activity's own execution time
     (from the runner's "Activity ... in N ms" log line).
Usage: measure-retraining.py <csv> <label> <task> <trainer> <runs>
"""
import json, os, re, socket, statistics, subprocess, sys, tempfile, time, urllib.request
from datetime import datetime

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
csv_path, label, task, trainer, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

bp, qp, tp, hp = free_port(), free_port(), free_port(), free_port()
work = tempfile.mkdtemp(prefix="modelops-measure-")
azurite = subprocess.Popen([os.path.join(repo, "node_modules", ".bin", "azurite"), "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                            "--location", work, "--blobPort", str(bp), "--queuePort", str(qp), "--tablePort", str(tp)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn = (f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};"
        f"BlobEndpoint=http://127.0.0.1:{bp}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{qp}/devstoreaccount1;"
        f"TableEndpoint=http://127.0.0.1:{tp}/devstoreaccount1;")
env = dict(os.environ, AzureWebJobsStorage=conn, ModelOps__AdminKey="k", ModelOps__ApiKey="a", ModelOps__Demo__Enabled="false",
           ASPNETCORE_URLS=f"http://127.0.0.1:{hp}", ModelOps__Retraining__WatchInterval="00:00:00.250",
           ModelOps__Workflows__PollInterval="00:00:00.100")
dll = os.path.join(repo, "src", "ModelOps.Host", "bin", "Release", "net10.0", "ModelOps.Host.dll")
log = open(os.path.join(work, "host.log"), "w")
host = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=log, stderr=subprocess.STDOUT)
base = f"http://127.0.0.1:{hp}"

def call(method, path, body=None, ctype="application/json"):
    req = urllib.request.Request(base + path, data=body, method=method, headers={"x-functions-key": "k", "content-type": ctype})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, dict(r.headers), json.loads(r.read() or b"null")

def parse(t):
    return datetime.fromisoformat(t.replace("Z", "+00:00"))

try:
    for _ in range(600):
        try:
            if call("GET", "/v2/health/ready")[0] == 200: break
        except Exception: time.sleep(0.1)
    cfg = {"label": label, "task": task, "features": None, "trainer": trainer, "parameters": {}, "holdoutFraction": 0.25,
           "seed": 1, "metric": "auc" if task != "regression" else "rmse", "promotion": {"minimum": None, "maxDrop": 1.0}}
    data = open(csv_path, "rb").read()
    walls, landing, overhead, activity = [], [], [], {}
    for i in range(runs):
        # A new seed per run: the same data under the same configuration would end 'unchanged' without training.
        call("PUT", "/api/models/m/training", json.dumps({**cfg, "seed": i + 1}).encode())
        t0 = time.time()
        _, _, up = call("PUT", f"/api/models/m/training-data/run{i}.csv", data, "text/csv")
        t_landed = time.time()
        url = up["run"]
        while True:
            try:
                _, _, st = call("GET", url)
                if st["runtimeStatus"] in ("Completed", "Failed", "Terminated"): break
            except urllib.error.HTTPError: pass
            time.sleep(0.05)
        assert st["runtimeStatus"] == "Completed", st
        created, ended = parse(st["createdTime"]), parse(st["lastUpdatedTime"])
        walls.append((ended - created).total_seconds())
        landing.append(created.timestamp() - t_landed)
        log.flush()
        text = open(os.path.join(work, "host.log")).read()
        for s in st["steps"]:
            m = re.findall(rf"Activity {s['name']} of run {re.escape(st['id'])} \(task \d+\) \w+ in (\d+) ms", text)
            if m:
                overhead.append(s["durationMs"] - int(m[-1]))
                activity.setdefault(s["name"], []).append(int(m[-1]))
        print(f"run {i}: wall {walls[-1]:.2f}s, blob->run {landing[-1]*1000:.0f} ms, steps " +
              ", ".join(f"{s['name']}={s['durationMs']}ms" for s in st["steps"]), flush=True)
    hwm = [l for l in open(f"/proc/{host.pid}/status") if l.startswith("VmHWM")][0].split()[1]
    print(f"median wall {statistics.median(walls):.2f} s over {runs} runs; host peak RSS (VmHWM) {int(hwm)/1024:.0f} MiB")
    print(f"median blob landing -> run created {statistics.median(landing)*1000:.0f} ms (watch interval 250 ms)")
    if overhead:
        print(f"median runner overhead per activity {statistics.median(overhead):.0f} ms (n={len(overhead)})")
    for k, v in activity.items(): print(f"  median {k} execution {statistics.median(v)} ms")
finally:
    host.kill(); azurite.kill()
