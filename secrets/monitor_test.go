package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// The monitor's rules match exactly Secrets Manager's watched events, the reads rule takes
// read-only management events and leaves the allowed roles out, both target the topic, and
// only the rules may publish to the topic created.
func TestAccessMonitor(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	if err := m.Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewAccessMonitor(ctx, "watch", &secrets.AccessMonitorArgs{
			AllowedReaders: pulumi.ToStringArray([]string{"arn:aws:iam::123456789012:role/app"}),
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	changes := m.MustFind(t, "aws:cloudwatch/eventRule:EventRule", "watch-changes")
	if got, want := changes.String("eventPattern"), `{"detail":{"eventName":["DeleteSecret","PutResourcePolicy","DeleteResourcePolicy","RemoveRegionsFromReplication",`+
		`"StopReplicationToReplica","CancelRotateSecret","RotationFailed","RotationAbandoned"],"eventSource":["secretsmanager.amazonaws.com"]},`+
		`"detail-type":["AWS API Call via CloudTrail","AWS Service Event via CloudTrail"],"source":["aws.secretsmanager"]}`; got != want {
		t.Errorf("changes pattern =\n%s\nwant\n%s", got, want)
	}
	if changes.String("state") != "" {
		t.Errorf("changes state = %q, want the default", changes.String("state"))
	}
	reads := m.MustFind(t, "aws:cloudwatch/eventRule:EventRule", "watch-reads")
	if got, want := reads.String("eventPattern"), `{"detail":{"eventName":["GetSecretValue","BatchGetSecretValue"],"eventSource":["secretsmanager.amazonaws.com"],`+
		`"userIdentity":{"sessionContext":{"sessionIssuer":{"arn":[{"anything-but":["arn:aws:iam::123456789012:role/app"]}]}}}},`+
		`"detail-type":["AWS API Call via CloudTrail"],"source":["aws.secretsmanager"]}`; got != want {
		t.Errorf("reads pattern =\n%s\nwant\n%s", got, want)
	}
	if reads.String("state") != "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" {
		t.Errorf("reads state = %q", reads.String("state"))
	}
	const topic = "arn:aws:sns:us-east-1:123456789012:watch-topic"
	for _, target := range []string{"watch-changes-target", "watch-reads-target"} {
		tg := m.MustFind(t, "aws:cloudwatch/eventTarget:EventTarget", target)
		if tg.String("arn") != topic || !strings.HasPrefix(target, tg.String("rule")) {
			t.Errorf("%s: arn %q rule %q", target, tg.String("arn"), tg.String("rule"))
		}
	}
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["events.amazonaws.com"]},"Action":["sns:Publish"],` +
		`"Resource":["` + topic + `"],"Condition":{"ArnEquals":{"aws:SourceArn":["arn:aws:events:us-east-1:123456789012:rule/watch-changes",` +
		`"arn:aws:events:us-east-1:123456789012:rule/watch-reads"]}}}]}`
	if got := m.MustFind(t, "aws:sns/topicPolicy:TopicPolicy", "watch-topic-policy").String("policy"); got != want {
		t.Errorf("topic policy =\n%s\nwant\n%s", got, want)
	}
}

// With a topic of the program's own and no readers, the monitor makes one rule and its
// target, and no topic or topic policy; an empty allow-list is refused.
func TestAccessMonitorOwnTopic(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	if err := m.Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewAccessMonitor(ctx, "watch", &secrets.AccessMonitorArgs{TopicARN: pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := len(m.ByType("aws:cloudwatch/eventRule:EventRule")); n != 1 {
		t.Errorf("%d rules, want 1", n)
	}
	if n := len(m.ByType("aws:sns/topic:Topic")) + len(m.ByType("aws:sns/topicPolicy:TopicPolicy")); n != 0 {
		t.Errorf("%d topics or topic policies, want none", n)
	}
	if got := m.MustFind(t, "aws:cloudwatch/eventTarget:EventTarget", "watch-changes-target").String("arn"); got != "arn:aws:sns:us-east-1:123456789012:ops" {
		t.Errorf("target %q", got)
	}
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewAccessMonitor(ctx, "watch", &secrets.AccessMonitorArgs{AllowedReaders: pulumi.StringArray{}})
		return err
	})
	if want := "secrets: AccessMonitorArgs.AllowedReaders is empty: every read would notify; leave it nil not to watch reads"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
}
