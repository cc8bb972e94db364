"""Secrets Manager's versions and staging labels as the API reference describes them, where
moto 5.2.1 differs. Each correction quotes the sentence it follows.

- PutSecretValue, VersionStages: "If you specify a staging label that's already associated
  with a different version of the same secret, then Secrets Manager removes the label from
  the other version and attaches it to this version. If you specify AWSCURRENT, and it is
  already attached to another version, then Secrets Manager also moves the staging label
  AWSPREVIOUS to the version that AWSCURRENT was removed from." moto replaces every label of
  the old AWSCURRENT version with AWSPREVIOUS and, when AWSCURRENT is among the labels,
  leaves the others on the versions that had them.
- UpdateSecretVersionStage, RemoveFromVersionId: "If the staging label you are trying to
  attach to one version is already attached to a different version, then you must include
  this parameter and specify the version that the label is to be removed from. If the label
  is attached and you either do not specify this parameter, or the version ID does not
  match, then the operation fails." moto checks this for AWSCURRENT only, and attaches a
  label a version already has a second time. "Whenever you move AWSCURRENT, Secrets Manager
  automatically moves the label AWSPREVIOUS to the version that AWSCURRENT was removed
  from."
- Deprecated versions: "If this action results in the last label being removed from a
  version, then the version is considered to be 'deprecated' and can be deleted by Secrets
  Manager." (UpdateSecretVersionStage); "Secrets Manager removes outdated versions when there
  are more than 100, but it does not remove versions created less than 24 hours ago."
  (PutSecretValue). A deprecated version stays readable by its ID until it is removed.
- ListSecretVersionIds, IncludeDeprecated: "By default, versions without staging labels
  aren't included." and "ListSecretVersionIds only returns versions that contain a secret
  value." moto ignores IncludeDeprecated and lists every version, each created "now".
- DescribeSecret, VersionIdsToStages: "A list of the versions of the secret that have
  staging labels attached."
"""

import json

from moto.secretsmanager import models, responses
from moto.secretsmanager.exceptions import InvalidParameterException, SecretNotFoundException

import clock

CURRENT, PREVIOUS = "AWSCURRENT", "AWSPREVIOUS"
KEPT_VERSIONS = 100  # "more than 100"
MIN_AGE = 24 * 3600  # "less than 24 hours ago"


def _take(secret, stage, version_id):
    """Removes stage from every version of secret but version_id."""
    for vid, ver in secret.versions.items():
        if vid != version_id and stage in ver["version_stages"]:
            ver["version_stages"].remove(stage)


def _attach(secret, stage, version_id):
    stages = secret.versions[version_id]["version_stages"]
    if stage not in stages:
        stages.append(stage)


def _move_current(secret, version_id):
    """AWSCURRENT to version_id, AWSPREVIOUS to the version it left."""
    left = [vid for vid, ver in secret.versions.items() if CURRENT in ver["version_stages"] and vid != version_id]
    if left:
        _take(secret, PREVIOUS, None)
        for vid in left:
            secret.versions[vid]["version_stages"].remove(CURRENT)
            _attach(secret, PREVIOUS, vid)
    _attach(secret, CURRENT, version_id)
    stages = secret.versions[version_id]["version_stages"]
    if PREVIOUS in stages and left:
        stages.remove(PREVIOUS)
    secret.default_version_id = version_id


def purge(secret):
    """Removes deprecated versions at least MIN_AGE old while there are more than
    KEPT_VERSIONS."""
    now = clock.now()
    # Oldest first; versions made in the same second in the order they were made.
    deprecated = sorted((ver["createdate"], i, vid) for i, (vid, ver) in enumerate(secret.versions.items())
                        if not ver["version_stages"] and now - ver["createdate"] >= MIN_AGE)
    for _, _, vid in deprecated:
        if len(secret.versions) <= KEPT_VERSIONS:
            break
        del secret.versions[vid]


def purge_all():
    for region in models.secretsmanager_backends.values():
        for backend in region.values():
            for secret in list(backend.secrets.values()):
                if isinstance(secret, models.FakeSecret):
                    purge(secret)


def reset_default_version(self, secret_version, version_id):
    """A new version that takes AWSCURRENT (PutSecretValue, CreateSecret): every label it is
    given leaves the version that had it."""
    self.versions[version_id] = secret_version
    stages = secret_version["version_stages"]
    given = [s for s in stages if s != CURRENT]
    stages.clear()
    stages.extend(given)
    for stage in given:
        _take(self, stage, version_id)
    _move_current(self, version_id)
    purge(self)


def remove_version_stages_from_old_versions(self, version_stages):
    for stage in version_stages:
        _take(self, stage, None)


def update_secret_version_stage(self, secret_id, version_stage, remove_from_version_id, move_to_version_id):
    if secret_id not in self.secrets:
        raise SecretNotFoundException()
    secret = self.secrets[secret_id]
    for vid in (remove_from_version_id, move_to_version_id):
        if vid and vid not in secret.versions:
            raise InvalidParameterException(f"Not a valid version: {vid}")
    holder = next((vid for vid, ver in secret.versions.items() if version_stage in ver["version_stages"]), None)
    if remove_from_version_id and remove_from_version_id != holder:
        raise InvalidParameterException(f"Version stage {version_stage} not found in version {remove_from_version_id}")
    if move_to_version_id and holder not in (None, move_to_version_id) and remove_from_version_id != holder:
        raise InvalidParameterException(
            f"The parameter RemoveFromVersionId can't be empty. Staging label {version_stage} is currently attached to "
            f"version {holder}, so you must explicitly reference that version in RemoveFromVersionId.")
    if version_stage == CURRENT:
        if not move_to_version_id:
            # The upstream provider quotes it (resourceSecretVersionUpdate).
            raise InvalidParameterException(
                "You can only move staging label AWSCURRENT to a different secret version. It can\u2019t be completely removed.")
        _move_current(secret, move_to_version_id)
    else:
        if remove_from_version_id:
            secret.versions[remove_from_version_id]["version_stages"].remove(version_stage)
        if move_to_version_id:
            _attach(secret, version_stage, move_to_version_id)
    purge(secret)
    return secret.arn, secret.name


def list_secret_version_ids(self, secret_id, include_deprecated=False):
    if secret_id not in self.secrets:
        raise SecretNotFoundException()
    secret = self.secrets[secret_id]
    listed = []
    for vid, ver in secret.versions.items():
        has_value = "secret_string" in ver or "secret_binary" in ver
        if has_value and (include_deprecated or ver["version_stages"]):
            entry = {"CreatedDate": ver["createdate"], "VersionId": vid}
            if ver["version_stages"]:
                entry["VersionStages"] = list(ver["version_stages"])
            listed.append(entry)
    return json.dumps({"ARN": secret.arn, "Name": secret.name, "Versions": listed})


def list_secret_version_ids_response(self):
    return self.backend.list_secret_version_ids(
        secret_id=self._get_param("SecretId", if_none=""),
        include_deprecated=bool(self._get_param("IncludeDeprecated", if_none=False)))


def form_version_ids_to_stages(self):
    return {vid: list(ver["version_stages"]) for vid, ver in self.versions.items() if ver["version_stages"]}


models.FakeSecret.reset_default_version = reset_default_version
models.FakeSecret.remove_version_stages_from_old_versions = remove_version_stages_from_old_versions
models.FakeSecret._form_version_ids_to_stages = form_version_ids_to_stages
models.time = clock  # versions are created on the emulator's clock
models.SecretsManagerBackend.update_secret_version_stage = update_secret_version_stage
models.SecretsManagerBackend.list_secret_version_ids = list_secret_version_ids
responses.SecretsManagerResponse.list_secret_version_ids = list_secret_version_ids_response
