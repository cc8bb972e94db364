"""Replicas and their keys as AWS has them, where moto 5.2.1 differs.

- KMS ReplicateKey, KeyId: "Specify the key ID or key ARN of a multi-Region primary key."
  moto takes only a key ID; an ARN (a key in another region is named by its ARN) is resolved
  to the ID.
- ReplicaRegionType, KmsKeyId: "The ARN, key ID, or alias of the KMS key to encrypt the
  secret. If you don't include this field, Secrets Manager uses aws/secretsmanager." moto
  reports every replica as encrypted with aws/secretsmanager; the key given is kept.
"""

from moto.kms import models as kms_models
from moto.secretsmanager import models

_create_replicas = models.FakeSecret.create_replicas


def create_replicas(self, replica_regions, force_overwrite):
    replicas = _create_replicas(self, replica_regions, force_overwrite)
    keys = {r["Region"]: r.get("KmsKeyId") for r in replica_regions or []}
    for replica in replicas:
        if keys.get(replica.region):
            replica.config["KmsKeyId"] = keys[replica.region]
    return replicas


_replicate_key = kms_models.KmsBackend.replicate_key


def replicate_key(self, key_id, replica_region):
    return _replicate_key(self, self.get_key_id(key_id), replica_region)


models.FakeSecret.create_replicas = create_replicas
kms_models.KmsBackend.replicate_key = replicate_key
