"""Runs a Lambda function's code on this machine, as Lambda runs it: the function's zip
unpacked, its process started with the function's environment and Lambda's runtime API on
loopback (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), one event at a
time through GET /runtime/invocation/next and the response or error POSTed back.

- provided.* runtimes run the package's bootstrap (an arm64 executable under
  qemu-aarch64-static when this machine is not arm64);
- python3.* runtimes run the handler named "module.function" through runtime_python.py, a
  small client of the same runtime API.

Every AWS SDK in the function reaches the emulator (AWS_ENDPOINT_URL, and the emulator's
test credentials): nothing leaves loopback. A function that exits, or does not answer within
its timeout, fails the invocation with what Lambda reports then.
"""

import io
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
# Emulation (qemu) and a cold machine are slower than Lambda: a function gets at least this
# long for each event, or its own timeout if longer.
MIN_TIMEOUT = 60.0


class Failed(Exception):
    """An invocation that failed: the function's error, or Lambda's when the runtime died."""


class _API(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.events = queue.Queue()
        self.results = queue.Queue()
        self.n = 0


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if not self.path.endswith("/runtime/invocation/next"):
            self.send_error(404)
            return
        event = self.server.events.get()
        if event is None:
            self.send_error(410)
            return
        self.server.n += 1
        body = json.dumps(event).encode()
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", f"request-{self.server.n}")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int((time.time() + MIN_TIMEOUT) * 1000)))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", self.server.function_arn)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode(errors="replace")
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()
        if self.path.endswith("/response"):
            self.server.results.put((True, body))
        elif self.path.endswith("/error"):
            self.server.results.put((False, body))
        else:
            self.send_error(404)


def _unpack(code):
    d = tempfile.mkdtemp(prefix="emulated-lambda-")
    with zipfile.ZipFile(io.BytesIO(code)) as z:
        for info in z.infolist():
            path = z.extract(info, d)
            mode = (info.external_attr >> 16) & 0o777
            os.chmod(path, mode or 0o755)
    return d


def _command(fn, task_root):
    runtime = fn.run_time or ""
    if runtime.startswith("provided"):
        bootstrap = os.path.join(task_root, "bootstrap")
        if not os.path.exists(bootstrap):
            raise Failed("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")
        with open(bootstrap, "rb") as f:
            head = f.read(20)
        # An ELF for aarch64 (e_machine 183) runs under qemu on another machine.
        if head[:4] == b"\x7fELF" and int.from_bytes(head[18:20], "little") == 183 and platform.machine() not in ("aarch64", "arm64"):
            qemu = shutil.which("qemu-aarch64-static") or shutil.which("qemu-aarch64")
            if not qemu:
                raise Failed("the function is built for arm64 and this machine has no qemu-aarch64-static to run it")
            return [qemu, bootstrap]
        return [bootstrap]
    if runtime.startswith("python3"):
        return [sys.executable, os.path.join(HERE, "runtime_python.py")]
    raise Failed(f"the emulator runs provided.* and python3.* functions, not {runtime}")


def invoke_all(fn, region, endpoint, events, done=lambda event: None):
    """Runs each event through one process of fn in turn (Lambda reuses a warm
    environment), calling done(event) as each succeeds; the first failure raises Failed
    with the function's error (its errorType and errorMessage) and the last of what it
    wrote to stderr."""
    if not events:
        return
    task_root = _unpack(fn.code_bytes)
    api = _API()
    api.function_arn = fn.function_arn
    threading.Thread(target=api.serve_forever, daemon=True).start()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{api.server_address[1]}",
        "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ENDPOINT_URL": endpoint,
        "LAMBDA_TASK_ROOT": task_root,
        "_HANDLER": fn.handler or "",
    }
    env.update(fn.environment_vars or {})
    stderr = tempfile.TemporaryFile()
    proc = None
    try:
        proc = subprocess.Popen(_command(fn, task_root), cwd=task_root, env=env,
                                stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
        timeout = max(float(fn.timeout or 3), MIN_TIMEOUT)
        for event in events:
            api.events.put(event)
            ok, body = _result(api, proc, timeout)
            if not ok:
                raise Failed(_describe(body, stderr))
            done(event)
    finally:
        api.events.put(None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        api.shutdown()
        api.server_close()
        stderr.close()
        shutil.rmtree(task_root, ignore_errors=True)


def _result(api, proc, timeout):
    waited = 0.0
    while waited < timeout:
        try:
            return api.results.get(timeout=0.2)
        except queue.Empty:
            waited += 0.2
            if proc.poll() is not None:
                try:
                    return api.results.get(timeout=0.5)
                except queue.Empty:
                    return False, json.dumps({"errorType": "Runtime.ExitError",
                                              "errorMessage": f"RequestId: request-{api.n} Error: Runtime exited with error: exit status {proc.returncode}"})
    return False, json.dumps({"errorType": "Sandbox.Timedout", "errorMessage": f"Task timed out after {timeout:.2f} seconds"})


def _describe(body, stderr):
    try:
        e = json.loads(body)
        text = f"{e.get('errorType', 'Error')}: {e.get('errorMessage', '')}"
    except ValueError:
        text = body
    stderr.seek(0)
    tail = stderr.read()[-2000:].decode(errors="replace").strip()
    return text + (f"\n{tail}" if tail else "")
