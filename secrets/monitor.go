package secrets

import (
	"encoding/json"
	"errors"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/policy"
)

// AccessMonitorType is the Pulumi type token of the AccessMonitor component.
const AccessMonitorType = "secretsmith:secrets:AccessMonitor"

// AccessMonitorArgs are the arguments of NewAccessMonitor.
type AccessMonitorArgs struct {
	// TopicARN is the SNS topic to notify. Its policy must let events.amazonaws.com publish.
	// If nil, a topic "<name>-topic" is created with that policy.
	TopicARN pulumi.StringInput `pulumi:"topicArn"`
	// AllowedReaders are the ARNs of the IAM roles allowed to read secret values: a
	// GetSecretValue or BatchGetSecretValue from a session of any other role notifies the
	// topic. If nil, reads are not watched.
	AllowedReaders pulumi.StringArrayInput `pulumi:"allowedReaders"`
}

// AccessMonitor notifies an SNS topic of what happens to the secrets of the account in the
// provider's region, through EventBridge rules on the CloudTrail events of Secrets Manager.
type AccessMonitor struct {
	pulumi.ResourceState

	// TopicARN is the topic notified.
	TopicARN pulumi.StringOutput `pulumi:"topicArn"`
	// Changes is the rule "<name>-changes" on deletions, resource-policy changes, replica
	// removals, cancelled rotations and failed rotations.
	Changes *cloudwatch.EventRule
	// Reads is the rule "<name>-reads" on reads by roles outside AllowedReaders, or nil.
	Reads *cloudwatch.EventRule
}

// watchedChanges are the management calls that weaken or remove a secret, and the service
// events of a rotation that did not finish.
var watchedChanges = []string{
	"DeleteSecret", "PutResourcePolicy", "DeleteResourcePolicy", "RemoveRegionsFromReplication",
	"StopReplicationToReplica", "CancelRotateSecret", "RotationFailed", "RotationAbandoned",
}

// NewAccessMonitor watches the secrets of the account in the provider's region and
// notifies a topic, beyond CDK (the boto3 guides' CloudTrail monitoring):
//
//   - the rule "<name>-changes" matches the calls DeleteSecret, PutResourcePolicy,
//     DeleteResourcePolicy, RemoveRegionsFromReplication, StopReplicationToReplica and
//     CancelRotateSecret ("AWS API Call via CloudTrail") and the rotation events
//     RotationFailed and RotationAbandoned ("AWS Service Event via CloudTrail");
//   - with AllowedReaders, the rule "<name>-reads" matches GetSecretValue and
//     BatchGetSecretValue from a session of any other role.
//
// Caveats, from how CloudTrail reaches EventBridge: events are regional (make one monitor
// per region the secrets live in, replicas included); EventBridge delivers them on a best
// effort, usually within minutes; GetSecretValue is a read-only management event, which
// EventBridge delivers only to rules in the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS
// (the reads rule is); the reads rule compares the role behind a session
// (userIdentity.sessionContext.sessionIssuer.arn), so calls by IAM users or the root, which
// have no session issuer, are not matched by it. A topic given by TopicARN that is encrypted
// must use a customer managed key whose policy lets events.amazonaws.com use it.
func NewAccessMonitor(ctx *pulumi.Context, name string, args *AccessMonitorArgs, opts ...pulumi.ResourceOption) (*AccessMonitor, error) {
	if args == nil {
		args = &AccessMonitorArgs{}
	}
	if readers, ok := args.AllowedReaders.(pulumi.StringArray); ok && len(readers) == 0 {
		return nil, invalid([]error{errors.New("AccessMonitorArgs.AllowedReaders is empty: every read would notify; leave it nil not to watch reads")})
	}
	m := &AccessMonitor{}
	if err := ctx.RegisterComponentResource(AccessMonitorType, name, m, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(m)
	var topic *sns.Topic
	if args.TopicARN != nil {
		m.TopicARN = args.TopicARN.ToStringOutput()
	} else {
		var err error
		if topic, err = sns.NewTopic(ctx, name+"-topic", &sns.TopicArgs{}, parent); err != nil {
			return nil, err
		}
		m.TopicARN = topic.Arn
	}
	var err error
	m.Changes, err = rule(ctx, name+"-changes", pulumi.String(pattern(map[string]any{
		"detail-type": []string{"AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"},
		"detail":      map[string]any{"eventSource": []string{"secretsmanager.amazonaws.com"}, "eventName": watchedChanges},
	})), "", m.TopicARN, parent)
	if err != nil {
		return nil, err
	}
	rules := []any{m.Changes.Arn}
	if args.AllowedReaders != nil {
		reads := args.AllowedReaders.ToStringArrayOutput().ApplyT(func(allowed []string) string {
			return pattern(map[string]any{
				"detail-type": []string{"AWS API Call via CloudTrail"},
				"detail": map[string]any{
					"eventSource": []string{"secretsmanager.amazonaws.com"},
					"eventName":   []string{"GetSecretValue", "BatchGetSecretValue"},
					"userIdentity": map[string]any{"sessionContext": map[string]any{"sessionIssuer": map[string]any{
						"arn": []any{map[string]any{"anything-but": allowed}},
					}}},
				},
			})
		}).(pulumi.StringOutput)
		if m.Reads, err = rule(ctx, name+"-reads", reads, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", m.TopicARN, parent); err != nil {
			return nil, err
		}
		rules = append(rules, m.Reads.Arn)
	}
	if topic != nil {
		doc := pulumi.All(append([]any{topic.Arn}, rules...)...).ApplyT(func(v []any) string {
			var sources []string
			for _, r := range v[1:] {
				sources = append(sources, r.(string))
			}
			return policy.New(policy.Statement{
				Effect: "Allow", Principal: &policy.Principal{Service: []string{"events.amazonaws.com"}},
				Action: []string{"sns:Publish"}, Resource: []string{v[0].(string)},
				Condition: policy.Conditions{"ArnEquals": {"aws:SourceArn": sources}},
			}).JSON()
		}).(pulumi.StringOutput)
		if _, err := sns.NewTopicPolicy(ctx, name+"-topic-policy", &sns.TopicPolicyArgs{Arn: topic.Arn, Policy: doc}, parent); err != nil {
			return nil, err
		}
	}
	if err := ctx.RegisterResourceOutputs(m, pulumi.Map{"topicArn": m.TopicARN}); err != nil {
		return nil, err
	}
	return m, nil
}

// rule is an EventBridge rule on the default bus with the pattern, in state (if not
// empty), and its target: the topic.
func rule(ctx *pulumi.Context, name string, pattern pulumi.StringInput, state string, topic pulumi.StringOutput, parent pulumi.ResourceOption) (*cloudwatch.EventRule, error) {
	args := &cloudwatch.EventRuleArgs{EventPattern: pattern.ToStringOutput().ToStringPtrOutput()}
	if state != "" {
		args.State = pulumi.String(state)
	}
	r, err := cloudwatch.NewEventRule(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	if _, err := cloudwatch.NewEventTarget(ctx, name+"-target", &cloudwatch.EventTargetArgs{Rule: r.Name, Arn: topic}, parent); err != nil {
		return nil, err
	}
	return r, nil
}

// pattern is an event pattern on Secrets Manager's events with the fields of match.
func pattern(match map[string]any) string {
	match["source"] = []string{"aws.secretsmanager"}
	b, _ := json.Marshal(match) // strings, slices and maps: cannot fail
	return string(b)
}
