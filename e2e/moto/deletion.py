"""DeleteSecret as the API reference describes it: "Secrets Manager performs the actual
deletion with an asynchronous background process, so there might be a short delay before
the secret is permanently deleted. If you delete a secret and then immediately create a
secret with the same name, use appropriate back off and retry logic." moto 5.2.1 forgets a
secret at once when ForceDeleteWithoutRecovery is set.

Here a secret deleted without recovery is marked deleted (DescribeSecret shows its
DeletedDate; other calls fail as on a secret scheduled for deletion) for `delay` seconds
before it is gone, and CreateSecret with its name fails meanwhile as AWS fails it, with the
message the upstream provider's resourceSecretCreate retries on: "You can't create this
secret because a secret with this name is already scheduled for deletion." (The same holds,
as in AWS, for a secret in its recovery window.)

Reading, putting a value into or moving the labels of a secret marked for deletion fails
with AWS's message, which the upstream provider's findSecretVersion and
resourceSecretVersionDelete match: "You can't perform this operation on the secret because
it was marked for deletion." (moto says "currently marked deleted", and moves labels and puts
values all the same.)
"""

import threading

from moto.secretsmanager import models
from moto.secretsmanager.exceptions import InvalidRequestException

import clock

delay = 2.0  # seconds; the control endpoint's /faults sets it

_delete = models.SecretsManagerBackend.delete_secret
_create = models.SecretsManagerBackend.create_secret


def delete_secret(self, secret_id, recovery_window_in_days, force_delete_without_recovery):
    secret = self.secrets.get(secret_id) if self._is_valid_identifier(secret_id) else None
    if not force_delete_without_recovery or secret is None or delay <= 0 or isinstance(secret, models.ReplicaSecret):
        return _delete(self, secret_id, recovery_window_in_days, force_delete_without_recovery)
    if secret.replicas:
        return _delete(self, secret_id, recovery_window_in_days, force_delete_without_recovery)
    when = clock.now()
    secret.delete(when)

    def forget():
        if self.secrets.get(secret.arn) is secret:
            self.secrets.pop(secret.arn)

    t = threading.Timer(delay, forget)
    t.daemon = True
    t.start()
    return secret.arn, secret.name, when


def create_secret(self, name, *args, **kwargs):
    existing = self.secrets.get(name) if self._is_valid_identifier(name) else None
    if existing is not None and getattr(existing, "is_deleted", lambda: False)():
        raise InvalidRequestException(
            "You can't create this secret because a secret with this name is already scheduled for deletion.")
    return _create(self, name, *args, **kwargs)


def _refusing_deleted(method):
    def call(self, secret_id, *args, **kwargs):
        secret = self.secrets.get(secret_id) if self._is_valid_identifier(secret_id) else None
        if secret is not None and getattr(secret, "is_deleted", lambda: False)():
            raise InvalidRequestException("You can't perform this operation on the secret because it was marked for deletion.")
        return method(self, secret_id, *args, **kwargs)
    return call


for _name in ("get_secret_value", "put_secret_value", "update_secret_version_stage"):
    setattr(models.SecretsManagerBackend, _name, _refusing_deleted(getattr(models.SecretsManagerBackend, _name)))
models.SecretsManagerBackend.delete_secret = delete_secret
models.SecretsManagerBackend.create_secret = create_secret
