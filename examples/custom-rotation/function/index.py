"""A rotation function for an API credential, in the shape of AWS's rotation template: each
step Secrets Manager invokes it with (createSecret, setSecret, testSecret, finishSecret) for
one rotation token. Replace set_secret and test_secret with the calls that register the new
credential with your service and check it; the rest is what every rotation function does.

The secret's value is the credential itself, or a JSON object whose "password" field is.
"""

import json

import boto3


def lambda_handler(event, context):
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    client = boto3.client("secretsmanager")

    # Rotate only a version this rotation made: AWSPENDING under the token, not yet current.
    metadata = client.describe_secret(SecretId=arn)
    if not metadata.get("RotationEnabled"):
        raise ValueError(f"secret {arn} is not enabled for rotation")
    stages = metadata.get("VersionIdsToStages", {})
    if token not in stages:
        raise ValueError(f"version {token} of secret {arn} has no stage for rotation")
    if "AWSCURRENT" in stages[token]:
        return
    if "AWSPENDING" not in stages[token]:
        raise ValueError(f"version {token} of secret {arn} is not AWSPENDING")

    if step == "createSecret":
        create_secret(client, arn, token)
    elif step == "setSecret":
        set_secret(client, arn, token)
    elif step == "testSecret":
        test_secret(client, arn, token)
    elif step == "finishSecret":
        finish_secret(client, arn, token, stages)
    else:
        raise ValueError(f"unknown step {step}")


def create_secret(client, arn, token):
    """Puts a new credential under the token, unless an earlier attempt did."""
    current = client.get_secret_value(SecretId=arn, VersionStage="AWSCURRENT")["SecretString"]
    try:
        client.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        return
    except client.exceptions.ResourceNotFoundException:
        pass
    password = client.get_random_password(PasswordLength=32, ExcludePunctuation=True)["RandomPassword"]
    try:
        value = json.loads(current)
    except ValueError:
        value = None
    if isinstance(value, dict):
        value["password"] = password
        new = json.dumps(value)
    else:
        new = password
    client.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=new, VersionStages=["AWSPENDING"])


def set_secret(client, arn, token):
    """Registers the pending credential with the service (yours to write)."""


def test_secret(client, arn, token):
    """Checks that the pending credential works with the service (yours to write)."""
    client.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")


def finish_secret(client, arn, token, stages):
    """Makes the pending credential current; AWSPREVIOUS follows the old one."""
    current = next(v for v, s in stages.items() if "AWSCURRENT" in s)
    client.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token, RemoveFromVersionId=current)
