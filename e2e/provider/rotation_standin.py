"""A stand-in for AWS's rotation functions, which the emulator runs as Lambda would.

APPLICATION names the Serverless Application Repository application it stands in for
(SecretsManagerRDSPostgreSQLRotationMultiUser, ...); empty, it is a rotation function made
from AWS's template (SecretsManagerRotationTemplate) that rotates a password with nothing to
set it in. Its steps follow the applications' published code
(github.com/aws-samples/aws-secrets-manager-rotation-lambdas, lambda_function.py of each):

- every step first checks the version as they do: rotation enabled, the token a version of
  the secret, AWSCURRENT already there (nothing to do) or AWSPENDING on it;
- createSecret reads AWSCURRENT as a JSON object holding what the application needs (for
  the RDS applications engine, host, username and password, and an engine it rotates),
  keeps a value already put under the token, else puts the current value with a password
  from GetRandomPassword (ExcludeCharacters: EXCLUDE_CHARACTERS, PASSWORD_LENGTH) and, for
  the alternating-users applications, the other user (username with "_clone" added or
  taken off), under AWSPENDING;
- setSecret checks what the application checks before it changes the database: the pending
  user is the current one (single user) or its clone (alternating users), on the same host; for the alternating-users
  applications the current value's masterarn names a readable master secret that holds
  what the application needs, on the same host. No database is played: the change itself,
  and testSecret's sign-in, succeed once those checks pass;
- finishSecret moves AWSCURRENT to the token's version (AWSPREVIOUS follows it).

A failed check raises what the application raises (KeyError, ValueError), with its message.
"""

import json
import os

import boto3

APPLICATION = os.environ.get("APPLICATION", "")
ENGINES = {
    "RDSMySQL": (["mysql", "aurora-mysql"], "mysql", 16),
    "RDSMariaDB": (["mariadb"], "mariadb", 16),
    "RDSPostgreSQL": (["postgres", "aurora-postgresql"], "postgres", 63),
    "RDSOracle": (["oracle"], "oracle", 30),
    "RDSSQLServer": (["sqlserver"], "sqlserver", 128),
    "RDSDb2": (["db2"], "db2", 30),
    "Redshift": (["redshift"], "redshift", 128),
    "MongoDB": (["mongo"], "mongo", 128),
}


def family():
    for key, spec in ENGINES.items():
        if APPLICATION.startswith("SecretsManager" + key + "Rotation"):
            return spec
    return None


MULTI_USER = APPLICATION.endswith("MultiUser")


def lambda_handler(event, context):
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    client = boto3.client("secretsmanager", endpoint_url=os.environ.get("SECRETS_MANAGER_ENDPOINT") or None)
    metadata = client.describe_secret(SecretId=arn)
    if "RotationEnabled" in metadata and not metadata["RotationEnabled"]:
        raise ValueError("Secret %s is not enabled for rotation" % arn)
    versions = metadata.get("VersionIdsToStages", {})
    if token not in versions:
        raise ValueError("Secret version %s has no stage for rotation of secret %s." % (token, arn))
    if "AWSCURRENT" in versions[token]:
        return
    if "AWSPENDING" not in versions[token]:
        raise ValueError("Secret version %s not set as AWSPENDING for rotation of secret %s." % (token, arn))
    if step == "createSecret":
        create_secret(client, arn, token)
    elif step == "setSecret":
        set_secret(client, arn, token)
    elif step == "testSecret":
        get_secret_dict(client, arn, "AWSPENDING", token)
    elif step == "finishSecret":
        finish_secret(client, arn, token, metadata)
    else:
        raise ValueError("Invalid step parameter %s for secret %s" % (step, arn))


def get_secret_dict(client, arn, stage, token=None):
    """The version's value as the application reads it: JSON with what it needs."""
    args = {"SecretId": arn, "VersionStage": stage}
    if token:
        args["VersionId"] = token
    value = client.get_secret_value(**args)["SecretString"]
    spec = family()
    if spec is None:
        return value
    secret = json.loads(value)
    for field in ["host", "username", "password", "engine"]:
        if field not in secret:
            raise KeyError("%s key is missing from secret JSON" % field)
    engines, name, _ = spec
    if secret["engine"] not in engines:
        raise KeyError("Database engine must be set to '%s' in order to use this rotation lambda" % name)
    return secret


def new_password(client):
    return client.get_random_password(
        ExcludeCharacters=os.environ.get("EXCLUDE_CHARACTERS", "/@\"'\\"),
        PasswordLength=int(os.environ.get("PASSWORD_LENGTH", 32)))["RandomPassword"]


def alt_username(username):
    suffix = "_clone"
    if username.endswith(suffix):
        return username[:-len(suffix)]
    new = username + suffix
    limit = family()[2]
    if len(new) > limit:
        raise ValueError("Unable to clone user, username length with _clone appended would exceed %s characters" % limit)
    return new


def create_secret(client, arn, token):
    current = get_secret_dict(client, arn, "AWSCURRENT")
    try:
        get_secret_dict(client, arn, "AWSPENDING", token)
        return
    except client.exceptions.ResourceNotFoundException:
        pass
    if isinstance(current, str):
        try:
            parsed = json.loads(current)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and "password" in parsed:
            parsed["password"] = new_password(client)
            value = json.dumps(parsed)
        else:
            value = new_password(client)
    else:
        if MULTI_USER:
            current["username"] = alt_username(current["username"])
        current["password"] = new_password(client)
        value = json.dumps(current)
    client.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=value, VersionStages=["AWSPENDING"])


def set_secret(client, arn, token):
    current = get_secret_dict(client, arn, "AWSCURRENT")
    pending = get_secret_dict(client, arn, "AWSPENDING", token)
    if family() is None:
        return
    if MULTI_USER and alt_username(current["username"]) != pending["username"]:
        raise ValueError("Attempting to modify user %s other than current user or clone %s" % (pending["username"], current["username"]))
    if not MULTI_USER and current["username"] != pending["username"]:
        raise ValueError("Attempting to modify user %s other than current user %s" % (pending["username"], current["username"]))
    if current["host"] != pending["host"]:
        raise ValueError("Attempting to modify user for host %s other than current host %s" % (pending["host"], current["host"]))
    if MULTI_USER:
        master_arn = current["masterarn"]
        master = get_secret_dict(client, master_arn, "AWSCURRENT")
        if current["host"] != master["host"]:
            raise ValueError("Current database host %s is not the same host as/rds replica of master %s" % (current["host"], master["host"]))


def finish_secret(client, arn, token, metadata):
    current = None
    for version, stages in metadata["VersionIdsToStages"].items():
        if "AWSCURRENT" in stages:
            if version == token:
                return
            current = version
            break
    client.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token, RemoveFromVersionId=current)
