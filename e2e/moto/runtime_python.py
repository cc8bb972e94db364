"""Lambda's Python runtime, as far as a rotation function needs it: imports the handler
named by _HANDLER ("module.function") from LAMBDA_TASK_ROOT and answers each event the
runtime API (AWS_LAMBDA_RUNTIME_API) hands out with the handler's result, or with its
exception as Lambda reports one ({"errorType", "errorMessage"})."""

import importlib
import json
import os
import sys
import traceback
import urllib.request

api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"


def post(path, body):
    req = urllib.request.Request(api + path, data=json.dumps(body).encode(), method="POST")
    urllib.request.urlopen(req).read()


def main():
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    module, _, name = os.environ["_HANDLER"].rpartition(".")
    try:
        handler = getattr(importlib.import_module(module), name)
    except Exception as e:
        post("/init/error", {"errorType": type(e).__name__, "errorMessage": str(e)})
        sys.exit(1)
    while True:
        with urllib.request.urlopen(api + "/invocation/next") as r:
            request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
            event = json.loads(r.read())
        try:
            result = handler(event, None)
        except Exception as e:
            traceback.print_exc()
            post(f"/invocation/{request_id}/error", {"errorType": type(e).__name__, "errorMessage": str(e)})
            continue
        post(f"/invocation/{request_id}/response", result)


if __name__ == "__main__":
    main()
