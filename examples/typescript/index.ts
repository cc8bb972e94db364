import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as secretsmith from "@secretsmith/secretsmith";

const config = new pulumi.Config();
// The account that reads the secret through its resource policy.
const consumer = config.get("consumerAccountId") ?? "222222222222";

// A multi-region key with a replica in each replica region, each made with that region's
// provider: explicit providers cross to the plugin as resource references.
const replicaRegions = ["eu-west-1", "eu-central-1"];
const providers: { [region: string]: aws.Provider } = {};
for (const region of replicaRegions) {
    providers[region] = new aws.Provider(region, { region: region as aws.Region });
}
const keys = new secretsmith.replica.Keys("app-keys", { regions: replicaRegions, providers });

// A generated credential in three regions, readable by the consumer account everywhere: the
// resource policy names every replica, and each replica key gets a kms.Grant (made with the
// region's provider) for the consumer.
const shared = new secretsmith.secrets.Secret("shared", {
    description: "credentials shared with the consumer account",
    encryptionKey: keys.primaryArn,
    generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: "reporting" }),
        generateStringKey: "password",
        passwordLength: 32,
    },
    replicaRegions: replicaRegions.map(region => ({
        region,
        encryptionKey: keys.replicaArns.apply(arns => arns[region]),
        provider: providers[region],
    })),
    resourcePolicy: [{
        access: secretsmith.Access.Read,
        accounts: [consumer],
        versionStages: ["AWSCURRENT"],
    }],
});

// A role of this account reads it through a grant (in the primary region: a secret given
// by ARN brings no replicas).
const reader = new aws.iam.Role("reader", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
const read = new secretsmith.grants.Grant("reader-read", {
    roleName: reader.name,
    access: secretsmith.Access.Read,
    secrets: [{ arn: shared.arn, encryptionKey: keys.primaryArn }],
});

export const secretArn = shared.arn;
export const replicaArns = shared.replicaArns;
export const readerPolicy = read.document;
