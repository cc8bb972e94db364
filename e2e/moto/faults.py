"""Faults that AWS has and moto does not, off until a test switches them on (the control
endpoint's /faults) for the secrets whose names start with a prefix:

- Read-after-write lag. The upstream provider waits after it creates a secret or a version
  until a read finds it (resourceSecretCreate, resourceSecretVersionCreate:
  tfresource.RetryWhenNotFound), because a read right after a write may not find it yet.
  With notFoundAfterWrite = k, the first k reads (GetSecretValue, DescribeSecret,
  ListSecretVersionIds, GetResourcePolicy) of a secret after each write to it
  (CreateSecret, PutSecretValue, UpdateSecret) fail with ResourceNotFoundException.
- Throttling. Secrets Manager's quotas page: "Combined rate of PutSecretValue,
  RemoveRegionsFromReplication, ReplicateSecretToRegion, StopReplicationToReplica,
  UpdateSecret, and UpdateSecretVersionStage API requests: 50 per second" and "Combined rate
  of DeleteResourcePolicy, GetResourcePolicy, PutResourcePolicy, and ValidateResourcePolicy
  API requests: 50 per second"; beyond them a call fails with ThrottlingException, which
  the page tells clients to retry with backoff. With throttle = n, every n-th of those calls
  to a secret in scope is throttled.
- A rotation between two calls. With rotateAfterRead = a secret's name, the next
  GetSecretValue of its AWSCURRENT runs a whole rotation of it (with its configured
  function) after the value is read and before the answer is sent: what a rotation that
  finishes between a caller's read and its next write looks like. It fires once.
"""

import json
import re
import threading

from moto.secretsmanager import models

READS = {"GetSecretValue", "DescribeSecret", "ListSecretVersionIds", "GetResourcePolicy"}
WRITES = {"CreateSecret", "PutSecretValue", "UpdateSecret"}
SHARED_QUOTA = {"PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage", "RemoveRegionsFromReplication",
                "ReplicateSecretToRegions", "StopReplicationToReplica",
                "PutResourcePolicy", "DeleteResourcePolicy", "GetResourcePolicy", "ValidateResourcePolicy"}

_lock = threading.Lock()
settings = {"prefix": None, "notFoundAfterWrite": 0, "throttle": 0, "rotateAfterRead": None}
stats = {"notFound": 0, "throttled": 0}
_lagging = {}  # secret name -> reads left to fail
_calls = 0


def configure(new):
    global _calls
    with _lock:
        for k in settings:
            if k in new:
                settings[k] = new[k]
        _lagging.clear()
        _calls = 0
        for k in stats:
            stats[k] = 0


def state():
    with _lock:
        return {"settings": dict(settings), "stats": dict(stats)}


_region = re.compile(r"Credential=[^/]+/[^/]+/([^/]+)/")


def region_of(environ):
    m = _region.search(environ.get("HTTP_AUTHORIZATION", ""))
    return m.group(1) if m else "us-east-1"


def _name(environ, op, body):
    """The name of the secret a call is about, if it is in scope."""
    with _lock:
        prefix = settings["prefix"]
    if prefix is None:
        return None
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        return None
    ident = params.get("Name") if op == "CreateSecret" else params.get("SecretId")
    if not ident:
        return None
    region, name = region_of(environ), ident
    for account in models.secretsmanager_backends.values():
        secret = account[region].secrets.get(ident) if region in account else None
        if secret is not None:
            name = secret.name
            break
    return name if name.startswith(prefix) else None


def before(environ, op, body):
    """The fault to answer the call with, as (type, message), or None."""
    global _calls
    name = _name(environ, op, body)
    if name is None:
        return None
    with _lock:
        if op in SHARED_QUOTA and settings["throttle"]:
            _calls += 1
            if _calls % settings["throttle"] == 0:
                stats["throttled"] += 1
                return "ThrottlingException", "Rate exceeded"
        if op in READS and _lagging.get(name, 0) > 0:
            _lagging[name] -= 1
            stats["notFound"] += 1
            return "ResourceNotFoundException", "Secrets Manager can't find the specified secret."
    return None


def rotate_after(op, body):
    """The secret to rotate now, after this call's read (once), or None."""
    if op != "GetSecretValue":
        return None
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        return None
    with _lock:
        name = settings["rotateAfterRead"]
        if not name or params.get("VersionStage") != "AWSCURRENT" or "VersionId" in params:
            return None
        ident = params.get("SecretId", "")
        if ident != name and f":secret:{name}-" not in ident:
            return None
        settings["rotateAfterRead"] = None
    return ident


def after(environ, op, body, ok):
    name = _name(environ, op, body)
    if name is None or not ok or op not in WRITES:
        return
    with _lock:
        if settings["notFoundAfterWrite"]:
            _lagging[name] = settings["notFoundAfterWrite"]
