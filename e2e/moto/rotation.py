"""RotateSecret as the API reference describes it, and rotation that really runs.

- "Configures and starts the asynchronous process of rotating the secret." The call returns
  at once; the rotation function then runs createSecret, setSecret, testSecret and
  finishSecret with the call's ClientRequestToken (runtime.py runs its code). moto runs no
  function code without Docker and moves AWSCURRENT itself.
- VersionIdsToStages (DescribeSecret): "During rotation, Secrets Manager creates an
  AWSPENDING version ID before creating the new secret version." The rotation function's
  createSecret then puts the value under that ID.
- "If you don't immediately rotate the secret, Secrets Manager tests the rotation
  configuration by running the testSecret step of the Lambda rotation function. The test
  creates an AWSPENDING version of the secret and then removes it." (RotateImmediately)
- The rotation function's contract (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html):
  "If the AWSPENDING staging label is present but not attached to the same version as
  AWSCURRENT, then any later invocation of RotateSecret assumes that a previous rotation
  request is still in progress and returns an error." moto 5.2.1 checks the reverse. AWS's
  message says "That rotation will be reattempted": the previous rotation is run again.
- A function whose resource policy does not let secretsmanager.amazonaws.com invoke it is
  refused: "AccessDeniedException: Secrets Manager cannot invoke the specified Lambda
  function.", as the upstream provider's resourceSecretRotationCreate names the error it
  retries while the permission propagates.
- A secret with no value yet is rotated without an AWSPENDING ID: the function's createSecret
  writes its first value (secrets.NewSecret's GenerateInAWS relies on it; moto fails with a
  500).
- RotationRules are kept as given, ScheduleExpression and Duration included; moto keeps only
  AutomaticallyAfterDays and enables rotation only for it.

What each rotation did is kept for the tests (the control endpoint's /rotations): the secret,
the token, the steps that ran and, for a failed one, the step and the function's error. A
failed rotation leaves the secret as the function left it, as in AWS.
"""

import json
import threading
import time
import uuid

from moto.awslambda.utils import get_backend as lambda_backend
from moto.core.exceptions import JsonRESTError
from moto.secretsmanager import models
from moto.secretsmanager.exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    OperationNotPermittedOnReplica,
    ResourceNotFoundException,
    SecretNotFoundException,
)

import clock

PENDING, CURRENT = "AWSPENDING", "AWSCURRENT"
STEPS = ["createSecret", "setSecret", "testSecret", "finishSecret"]

endpoint = ""  # the emulator's own URL, which the functions reach it by
_lock = threading.Lock()
_records = []  # every rotation started, oldest first
_running = {}  # secret ARN -> its rotation's record


class AccessDeniedException(JsonRESTError):
    code = 400

    def __init__(self, message):
        super().__init__("AccessDeniedException", message)


def records():
    with _lock:
        return [dict(r) for r in _records]


def busy():
    with _lock:
        return bool(_running)


def _invocable(backend, fn):
    """Whether the function's policy lets Secrets Manager invoke it from this account."""
    try:
        policy = json.loads(json.loads(fn.policy.wire_format())["Policy"])
    except Exception:
        return False
    for s in policy.get("Statement", []):
        principal = s.get("Principal", {})
        service = principal.get("Service") if isinstance(principal, dict) else principal
        services = service if isinstance(service, list) else [service]
        account = s.get("Condition", {}).get("StringEquals", {}).get("AWS:SourceAccount", backend.account_id)
        if (s.get("Effect") == "Allow" and "secretsmanager.amazonaws.com" in services
                and s.get("Action") in ("lambda:InvokeFunction", "lambda:*") and account == backend.account_id):
            return True
    return False


def _holder(secret, stage):
    return next((vid for vid, v in secret.versions.items() if stage in v["version_stages"]), None)


def rotate_secret(self, secret_id, client_request_token=None, rotation_lambda_arn=None,
                  rotation_rules=None, rotate_immediately=True):
    if not self._is_valid_identifier(secret_id):
        raise SecretNotFoundException()
    secret = self.secrets[secret_id]
    if isinstance(secret, models.ReplicaSecret):
        raise OperationNotPermittedOnReplica
    if secret.is_deleted():
        raise InvalidRequestException("You tried to perform the operation on a secret that's currently marked deleted.")
    if rotation_lambda_arn and len(rotation_lambda_arn) > 2048:
        raise InvalidParameterException("RotationLambdaARN must <= 2048 characters long.")
    days = (rotation_rules or {}).get("AutomaticallyAfterDays")
    if days is not None and not 1 <= days <= 1000:
        raise InvalidParameterException("RotationRules.AutomaticallyAfterDays must be within 1-1000.")
    arn = rotation_lambda_arn or secret.rotation_lambda_arn
    if not arn:
        raise InvalidRequestException(
            "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured "
            "and you didn't include such an ARN as a parameter in this call.")
    try:
        fn = lambda_backend(self.account_id, self.region_name).get_function(arn)
    except Exception:
        raise ResourceNotFoundException(f"Resource not found for ARN '{arn}'.")
    if not _invocable(self, fn):
        raise AccessDeniedException("Secrets Manager cannot invoke the specified Lambda function. Ensure that the "
                                    "function policy grants access to the principal secretsmanager.amazonaws.com.")
    pending, current = _holder(secret, PENDING), _holder(secret, CURRENT)
    with _lock:
        running = secret.arn in _running
    if running or (pending is not None and pending != current):
        if not running and pending is not None:
            _start(self, secret, fn, pending, STEPS)
        raise InvalidRequestException("A previous rotation isn't complete. That rotation will be reattempted.")

    secret.rotation_lambda_arn = arn
    if rotation_rules:
        secret.full_rotation_rules = dict(rotation_rules)
        secret.auto_rotate_after_days = days or 0
    secret.rotation_enabled = True
    secret.rotation_requested = True
    token = client_request_token or str(uuid.uuid4())
    if client_request_token:
        self._client_request_token_validator(client_request_token)
    steps = STEPS
    if secret.versions:
        if pending is not None:
            secret.versions[pending]["version_stages"].remove(PENDING)
        version = {"createdate": int(clock.now()), "version_id": token, "version_stages": [PENDING]}
        if not rotate_immediately:
            for k in ("secret_string", "secret_binary"):
                if k in secret.versions[current]:
                    version[k] = secret.versions[current][k]
            steps = ["testSecret"]
        secret.versions[token] = version
    elif not rotate_immediately:
        steps = []
    _start(self, secret, fn, token, steps, remove_pending=not rotate_immediately)
    return json.dumps({"ARN": secret.arn, "Name": secret.name, "VersionId": token})


def _start(backend, secret, fn, token, steps, remove_pending=False):
    record = {"secret": secret.arn, "name": secret.name, "token": token, "function": fn.function_arn,
              "steps": [], "status": "running", "failedStep": "", "error": ""}
    with _lock:
        _records.append(record)
        _running[secret.arn] = record

    def run():
        from runtime import Failed, invoke_all
        events = [{"Step": s, "SecretId": secret.arn, "ClientRequestToken": token} for s in steps]
        def done(e):
            with _lock:
                record["steps"].append(e["Step"])

        try:
            invoke_all(fn, backend.region_name, endpoint, events, done)
            with _lock:
                record["status"] = "succeeded"
            if steps == STEPS:
                secret.last_rotation_date = int(clock.now())
        except Failed as e:
            with _lock:
                record["status"], record["failedStep"], record["error"] = "failed", events[len(record["steps"])]["Step"], str(e)
        except Exception as e:  # the emulator's own failure: reported, never hidden
            with _lock:
                record["status"], record["error"] = "failed", f"emulator: {type(e).__name__}: {e}"
        finally:
            # The test of a rotation that is not immediate "creates an AWSPENDING version of
            # the secret and then removes it", whatever the test found.
            if remove_pending and token in secret.versions and PENDING in secret.versions[token]["version_stages"]:
                secret.versions[token]["version_stages"].remove(PENDING)
            with _lock:
                _running.pop(secret.arn, None)

    threading.Thread(target=run, daemon=True).start()


def rotate_and_wait(region, secret_id):
    """Rotates the secret with its configured function, as its schedule would, and returns
    once the rotation has ended."""
    for account in models.secretsmanager_backends.values():
        if region in account and account[region]._is_valid_identifier(secret_id):
            backend = account[region]
            break
    else:
        return
    backend.rotate_secret(secret_id)
    arn = backend.secrets[secret_id].arn
    while True:
        with _lock:
            if arn not in _running:
                return
        time.sleep(0.05)


_to_dict = models.FakeSecret.to_dict


def to_dict(self):
    d = _to_dict(self)
    rules = getattr(self, "full_rotation_rules", None)
    if rules and "RotationRules" in d:
        d["RotationRules"] = dict(rules)
    return d


models.SecretsManagerBackend.rotate_secret = rotate_secret
models.FakeSecret.to_dict = to_dict
