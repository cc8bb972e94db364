package provider

// AWSVersion and RandomVersion are the versions of the real plugins that secretsmith's
// pinned SDKs ask the engine for.
const (
	AWSVersion    = "6.83.4"
	RandomVersion = "4.19.1"
)

// AWSTypes are the pulumi-aws resource types served.
var AWSTypes = map[string]*Type{
	"aws:secretsmanager/secret:Secret":                 secret,
	"aws:secretsmanager/secretVersion:SecretVersion":   secretVersion,
	"aws:secretsmanager/secretPolicy:SecretPolicy":     secretPolicy,
	"aws:secretsmanager/secretRotation:SecretRotation": secretRotation,
	"aws:kms/key:Key":                                                  key,
	"aws:kms/replicaKey:ReplicaKey":                                    replicaKey,
	"aws:kms/grant:Grant":                                              grant,
	"aws:iam/role:Role":                                                role,
	"aws:iam/rolePolicy:RolePolicy":                                    rolePolicy,
	"aws:cloudwatch/eventRule:EventRule":                               eventRule,
	"aws:cloudwatch/eventTarget:EventTarget":                           eventTarget,
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":        ingressRule,
	"aws:rds/subnetGroup:SubnetGroup":                                  subnetGroup,
	"aws:rds/instance:Instance":                                        instance,
	"aws:sns/topic:Topic":                                              topic,
	"aws:sns/topicPolicy:TopicPolicy":                                  topicPolicy,
	"aws:iam/policy:Policy":                                            policy,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":                rolePolicyAttachment,
	"aws:ec2/securityGroup:SecurityGroup":                              securityGroup,
	"aws:lambda/function:Function":                                     function,
	"aws:lambda/permission:Permission":                                 permission,
	"aws:serverlessrepository/cloudFormationStack:CloudFormationStack": cloudFormationStack,
}

// AWSInvokes are the pulumi-aws data sources served.
var AWSInvokes = map[string]*Invoke{
	"aws:index/getCallerIdentity:getCallerIdentity":          getCallerIdentity,
	"aws:index/getRegion:getRegion":                          getRegion,
	"aws:index/getRegions:getRegions":                        getRegions,
	"aws:index/getPartition:getPartition":                    getPartition,
	"aws:index/getAvailabilityZones:getAvailabilityZones":    getAvailabilityZones,
	"aws:secretsmanager/getSecret:getSecret":                 getSecret,
	"aws:secretsmanager/getSecretVersion:getSecretVersion":   getSecretVersion,
	"aws:secretsmanager/getSecretVersions:getSecretVersions": getSecretVersions,
	"aws:kms/getAlias:getAlias":                              getAlias,
}

// RandomTypes are the pulumi-random resource types served.
var RandomTypes = map[string]*Type{
	"random:index/randomBytes:RandomBytes": randomBytes,
}
