#!/usr/bin/env bash
# What token validation and the access policy add per inference request, against key authentication, in one run:
# the same host, model and body, wrk on loopback, scenarios alternated round by round so all see the same machine state.
#   key     x-functions-key (the inference key: role ModelOps.Invoker on all models)
#   token   an RS256 bearer token with the ModelOps.Invoker role (JwtBearer validates signature, issuer, audience,
#           lifetime, tenant on every request)
#   grant   an RS256 bearer token with no role, allowed by a role assignment on the prefix 'bench*' (the policy reads
#           the cached assignments)
# Reports the median over ROUNDS of p50, p99 and requests/s per scenario and the token/grant minus key differences.
# Bounded: 3 scenarios x 2 connection counts x ROUNDS (default 3) x DURATION (default 5s).
#
#   bench/auth/run.sh
#   ROUNDS=5 DURATION=10s bench/auth/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
trap bench_cleanup EXIT

model="$(realpath "${MODEL:-$bench_repo/bench/inprocess/models/mlp.onnx}")"
duration="${DURATION:-5s}"
rounds="${ROUNDS:-3}"
bench_ensure_wrk

work=$(mktemp -d)
tenant="3f1b7c52-0d4e-4f7a-9c1e-5a6b7c8d9e0f"
audience="api://modelops-bench"
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
openssl rsa -in "$work/key.pem" -pubout -out "$work/public.pem" 2>/dev/null

bench_start_host "$work" ModelOps__Inference__Session__IntraOpThreads=1 ModelOps__Inference__Session__InterOpThreads=1 \
  ModelOps__Auth__TenantId="$tenant" ModelOps__Auth__Audience="$audience" ModelOps__Auth__SigningKeys__0="$(cat "$work/public.pem")"
bench_register bench "$model"
curl -sf -X PUT -H "x-functions-key: bench-admin" -H "content-type: application/json" \
  -d '{"principal":"bench-prefix-user","role":"ModelOps.Invoker","scope":"bench*"}' "$HOST_URL/api/access/assignments/bench-prefix" >/dev/null

# token OID ROLES_JSON: an RS256 JWT shaped like an Entra ID access token, signed with openssl.
token() {
  /usr/bin/python3 - "$1" "$2" "$tenant" "$audience" "$work/key.pem" <<'PY'
import base64, json, subprocess, sys, time
oid, roles, tenant, aud, key = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
claims = {"iss": f"https://login.microsoftonline.com/{tenant}/v2.0", "aud": aud, "tid": tenant, "oid": oid, "sub": oid,
          "name": "bench user", "iat": now - 60, "nbf": now - 60, "exp": now + 7200}
if roles: claims["roles"] = roles
signing_input = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "bench"}).encode()) + "." + b64(json.dumps(claims).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing_input.encode(), capture_output=True, check=True).stdout
print(signing_input + "." + b64(signature))
PY
}
token_invoker=$(token bench-invoker '["ModelOps.Invoker"]')
token_grant=$(token bench-prefix-user '[]')

/usr/bin/python3 - "$model" >"$work/body.json" <<'PY'
import json, sys, onnx
m = onnx.load(sys.argv[1]); i = m.graph.input[0]
width = [d.dim_value for d in i.type.tensor_type.shape.dim][1]
print(json.dumps({"inputs": [{"name": i.name, "shape": [1, width], "datatype": "FP32", "data": [round((c % 17) / 17.0 - 0.5, 4) for c in range(width)]}]}))
PY

bench_post_lua "$work" key
bench_post_lua "$work" token Authorization "Bearer $token_invoker"
bench_post_lua "$work" grant Authorization "Bearer $token_grant"
for s in key token grant; do
  header=$(sed -n 's/^wrk.headers\["\([^"]*\)"\] = "\(.*\)"$/\1: \2/p' "$work/$s.lua" | tail -1)
  curl -sf -H "$header" -H "content-type: application/json" --data-binary "@$work/body.json" "$HOST_URL/v2/models/bench/infer" >/dev/null \
    || { echo "scenario $s is refused; see $work/host.log" >&2; exit 1; }
done

run_wrk() { bench_wrk "$work/$1.lua" "$HOST_URL/v2/models/bench/infer" "$2" "$duration" us; } # SCENARIO CONNECTIONS -> "rps p50_us p99_us errors"

echo "model $(basename "$model"), batch 1, $duration x $rounds rounds per scenario, wrk on 127.0.0.1; $(nproc) cores shared by host and wrk"
: >"$work/results.txt"
for c in 1 16; do
  for r in $(seq 1 "$rounds"); do
    for s in key token grant; do
      read -r rps p50 p99 err < <(run_wrk "$s" "$c")
      [ "$err" = "0" ] || echo "warning: $err non-2xx responses ($s, $c connections)" >&2
      echo "$c $s $rps $p50 $p99" >>"$work/results.txt"
    done
  done
done
/usr/bin/python3 - "$work/results.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = lambda c, s, i: statistics.median(float(r[i]) for r in rows if r[0] == c and r[1] == s)
print(f"{'conns':<6} {'scenario':<8} {'req/s':>9} {'p50 us':>9} {'p99 us':>9} {'p50 +us':>9} {'p99 +us':>9} {'req/s ratio':>12}")
for c in sorted({r[0] for r in rows}, key=int):
    base = (med(c, "key", 2), med(c, "key", 3), med(c, "key", 4))
    for s in ("key", "token", "grant"):
        rps, p50, p99 = med(c, s, 2), med(c, s, 3), med(c, s, 4)
        print(f"{c:<6} {s:<8} {rps:>9.0f} {p50:>9.1f} {p99:>9.1f} {p50 - base[1]:>+9.1f} {p99 - base[2]:>+9.1f} {rps / base[0]:>11.2f}x")
PY
