"""Start moto_server on 127.0.0.1 with two corrections that make its Secrets Manager behave
as AWS does for staging labels.

1. moto 5.2.1's FakeSecret.reset_default_version replaces the old AWSCURRENT version's
   labels with ["AWSPREVIOUS"], dropping every other label on it, and finds that version by
   the secret's default version, which UpdateSecretVersionStage does not move along with
   AWSCURRENT. AWS moves only AWSCURRENT (to the new version) and AWSPREVIOUS (to the
   version that held AWSCURRENT): a custom label such as secretsmith's SECRETSMITH stays
   where it was.
2. AWS deletes a version that is left with no staging label (it is deprecated and AWS may
   remove it at any time: the worst case, removal at once, is what a test must survive).
   moto keeps such versions forever. After every call that moves labels, versions without a
   label are dropped.
3. RotateSecret creates no version in AWS: the rotation function's createSecret step does.
   moto adds an AWSPENDING version itself (empty, or a copy of the current value when
   RotateImmediately is false) and, when it "invokes" the function (Lambda code never runs
   here), points the secret's default version at that empty version. Both are undone: the
   versions RotateSecret added are dropped and AWSCURRENT's holder stays the default.

4. moto keeps only AutomaticallyAfterDays of a secret's RotationRules and enables rotation
   only for it; AWS keeps ScheduleExpression and Duration as given and enables rotation for
   either. The rules are kept as given.

5. moto's KMS ReplicateKey takes only a key ID; AWS takes the key's ARN too (a key in
   another region is named by its ARN). The ARN is resolved to the ID.

6. moto reports every replica as encrypted with aws/secretsmanager; AWS uses the KmsKeyId
   given for the replica's region. The key given is kept.

7. moto's RotateSecret fails (a 500: it names a version it never made) on a secret that has
   no version yet; AWS enables rotation and invokes the function, whose createSecret writes
   the first value (secrets.NewSecret's GenerateInAWS relies on it). Rotation is enabled and
   nothing else changes.

Usage: python3 launcher.py PORT. Only loopback is ever bound.
"""

import sys
import time

from moto.kms import models as kms_models
from moto.secretsmanager import models


def reset_default_version(self, secret_version, version_id):
    holders = [v for v, ver in self.versions.items() if "AWSCURRENT" in ver["version_stages"] and v != version_id]
    for old in self.versions.values():
        if "AWSPREVIOUS" in old["version_stages"]:
            old["version_stages"].remove("AWSPREVIOUS")
    for vid in holders:
        stages = self.versions[vid]["version_stages"]
        stages.remove("AWSCURRENT")
        stages.append("AWSPREVIOUS")
    self.versions[version_id] = secret_version
    self.default_version_id = version_id
    drop_unlabelled(self)


def drop_unlabelled(secret):
    for vid in [v for v, ver in secret.versions.items() if not ver["version_stages"]]:
        if vid != secret.default_version_id:
            del secret.versions[vid]


models.FakeSecret.reset_default_version = reset_default_version

_remove_stages = models.FakeSecret.remove_version_stages_from_old_versions


def remove_version_stages_from_old_versions(self, version_stages):
    _remove_stages(self, version_stages)
    drop_unlabelled(self)


models.FakeSecret.remove_version_stages_from_old_versions = remove_version_stages_from_old_versions

_update_stage = models.SecretsManagerBackend.update_secret_version_stage


def update_secret_version_stage(self, secret_id, version_stage, remove_from_version_id, move_to_version_id):
    result = _update_stage(self, secret_id, version_stage, remove_from_version_id, move_to_version_id)
    secret = self.secrets[secret_id]
    if version_stage == "AWSCURRENT" and move_to_version_id:
        secret.default_version_id = move_to_version_id
    drop_unlabelled(secret)
    return result


models.SecretsManagerBackend.update_secret_version_stage = update_secret_version_stage

_rotate = models.SecretsManagerBackend.rotate_secret


def rotate_secret(self, secret_id, client_request_token=None, rotation_lambda_arn=None,
                  rotation_rules=None, rotate_immediately=True):
    secret = self.secrets[secret_id] if self._is_valid_identifier(secret_id) else None
    if secret is not None and not secret.versions and not secret.is_deleted():
        secret.rotation_lambda_arn = rotation_lambda_arn or getattr(secret, "rotation_lambda_arn", "") or ""
        if rotation_rules:
            secret.full_rotation_rules = dict(rotation_rules)
            secret.auto_rotate_after_days = rotation_rules.get("AutomaticallyAfterDays", 0)
        secret.rotation_enabled = True
        secret.rotation_requested = True
        secret.last_rotation_date = int(time.time())
        return secret.to_short_dict()
    before = set(secret.versions) if secret is not None else set()
    result = _rotate(self, secret_id, client_request_token, rotation_lambda_arn, rotation_rules, rotate_immediately)
    if secret is not None:
        if rotation_rules:
            secret.full_rotation_rules = dict(rotation_rules)
            secret.rotation_enabled = True
        for vid in set(secret.versions) - before:
            del secret.versions[vid]
        for vid, ver in secret.versions.items():
            if "AWSCURRENT" in ver["version_stages"]:
                secret.default_version_id = vid
    return result


models.SecretsManagerBackend.rotate_secret = rotate_secret

_create_replicas = models.FakeSecret.create_replicas


def create_replicas(self, replica_regions, force_overwrite):
    replicas = _create_replicas(self, replica_regions, force_overwrite)
    keys = {r["Region"]: r.get("KmsKeyId") for r in replica_regions or []}
    for replica in replicas:
        if keys.get(replica.region):
            replica.config["KmsKeyId"] = keys[replica.region]
    return replicas


models.FakeSecret.create_replicas = create_replicas

_to_dict = models.FakeSecret.to_dict


def to_dict(self):
    d = _to_dict(self)
    rules = getattr(self, "full_rotation_rules", None)
    if rules and "RotationRules" in d:
        d["RotationRules"] = dict(rules)
    return d


models.FakeSecret.to_dict = to_dict

_replicate_key = kms_models.KmsBackend.replicate_key


def replicate_key(self, key_id, replica_region):
    return _replicate_key(self, self.get_key_id(key_id), replica_region)


kms_models.KmsBackend.replicate_key = replicate_key

if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
