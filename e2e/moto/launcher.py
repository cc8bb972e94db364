"""Starts moto_server on 127.0.0.1 with Secrets Manager corrected to behave as AWS's API
reference says, where moto 5.2.1 differs (each module quotes the sentences it follows):

- versions.py: staging labels move as PutSecretValue and UpdateSecretVersionStage move them;
  versions left without labels are deprecated, not deleted, and go only past 100 versions
  and 24 hours;
- rotation.py: RotateSecret starts a rotation that really runs the function's code
  (runtime.py), asynchronously; the rotation-in-progress rule; rotation rules as given;
- deletion.py: a deleted secret's name stays taken for a while;
- replicas.py: replica keys and ReplicateKey by ARN;
- faults.py: read-after-write lag and throttling, switched on by a test;
- clock.py: a clock a test can move forward.

Besides AWS's APIs, the server answers a control endpoint for the tests, under
/_emulator/:
  GET  rotations  every rotation started: secret, token, steps run, status, error
  POST clock      {"advance": seconds}: moves the clock, then removes what AWS would have
  GET|POST faults {"prefix", "notFoundAfterWrite", "throttle", "rotateAfterRead"}, and
                  {"deleteDelay"}

Usage: python3 launcher.py PORT. Only loopback is ever bound.
"""

import io
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import clock  # noqa: E402
import deletion  # noqa: E402
import faults  # noqa: E402
import replicas  # noqa: E402,F401
import rotation  # noqa: E402
import versions  # noqa: E402


def _json(start_response, status, body):
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def control(environ, start_response):
    what = environ["PATH_INFO"][len("/_emulator/"):]
    method = environ["REQUEST_METHOD"]
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)) if method == "POST" else b""
    params = json.loads(body or b"{}")
    if what == "rotations" and method == "GET":
        return _json(start_response, "200 OK", {"rotations": rotation.records(), "running": rotation.busy()})
    if what == "clock" and method == "POST":
        clock.advance(params.get("advance", 0))
        versions.purge_all()
        return _json(start_response, "200 OK", {"now": clock.now()})
    if what == "faults":
        if method == "POST":
            faults.configure(params)
            if "deleteDelay" in params:
                deletion.delay = float(params["deleteDelay"])
        return _json(start_response, "200 OK", dict(faults.state(), deleteDelay=deletion.delay))
    return _json(start_response, "404 Not Found", {"message": f"no {method} {what}"})


def _error(start_response, kind, message):
    data = json.dumps({"__type": kind, "message": message, "Message": message}).encode()
    start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(data)))])
    return [data]


def application(moto_app):
    def app(environ, start_response):
        if environ["PATH_INFO"].startswith("/_emulator/"):
            return control(environ, start_response)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith("secretsmanager."):
            return moto_app(environ, start_response)
        op = target.split(".", 1)[1]
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        fault = faults.before(environ, op, body)
        if fault:
            return _error(start_response, *fault)
        status = []

        def recording(s, headers, exc_info=None):
            status.append(s)
            return start_response(s, headers, exc_info)

        out = moto_app(environ, recording)
        out = list(out)
        ok = bool(status) and status[0].startswith("200")
        faults.after(environ, op, body, ok)
        rotate = faults.rotate_after(op, body) if ok else None
        if rotate:
            region = faults.region_of(environ)
            rotation.rotate_and_wait(region, rotate)
        return out
    return app


if __name__ == "__main__":
    from werkzeug.serving import run_simple
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    # Stopped by the scripts' cleanup, it exits cleanly, as moto_server does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    port = int(sys.argv[1])
    os.environ.setdefault("MOTO_PORT", str(port))
    rotation.endpoint = f"http://127.0.0.1:{port}"
    run_simple("127.0.0.1", port, application(DomainDispatcherApplication(create_backend_app)), threaded=True)
