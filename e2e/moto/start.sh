# Sourced by the scripts whose tests use the AWS emulator: start_moto starts moto (with
# launcher.py's corrections and control endpoint) on a free 127.0.0.1 port, sets $endpoint, and stops it when the
# script exits (the trap also runs every command in $cleanup).
start_moto() {
  local here py cand port
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  py=""
  for cand in ${MOTO_PYTHON:-} python3 python3.11 python; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import moto' 2>/dev/null; then py=$cand; break; fi
  done
  [ -n "$py" ] || { echo "no Python on PATH can import moto (set MOTO_PYTHON)" >&2; return 1; }
  port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  moto_log=$(mktemp)
  # AWS managed policies (AWSLambdaBasicExecutionRole...) exist, as in AWS.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true "$py" "$here/launcher.py" "$port" >"$moto_log" 2>&1 &
  moto_pid=$!
  cleanup="kill $moto_pid 2>/dev/null; wait $moto_pid 2>/dev/null; rm -f $moto_log; ${cleanup:-}"
  trap 'eval "$cleanup"' EXIT
  endpoint=http://127.0.0.1:$port
  # Wait for the emulator, then tell moto there is no Docker here (the launcher runs the
  # rotation functions itself).
  "$py" - "$endpoint" <<'PY' || { cat "$moto_log"; echo "the emulator did not start" >&2; return 1; }
import sys, time, urllib.request
url = sys.argv[1]
for _ in range(150):
    try:
        urllib.request.urlopen(url + "/moto-api/", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
req = urllib.request.Request(url + "/moto-api/config", data=b'{"lambda":{"use_docker":false}}', method="POST")
urllib.request.urlopen(req, timeout=5)
PY
}
