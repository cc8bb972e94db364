package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// The access monitor deploys: its rules hold the patterns and states the component gives
// them and target the topic, the topic lets only the rules publish, a second up changes
// nothing, and destroy leaves no rule or topic.
func TestAccessMonitor(t *testing.T) {
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		m, err := secrets.NewAccessMonitor(ctx, "watch", &secrets.AccessMonitorArgs{
			AllowedReaders: pulumi.ToStringArray([]string{"arn:aws:iam::123456789012:role/app"}),
		})
		if err != nil {
			return err
		}
		ctx.Export("topic", m.TopicARN)
		ctx.Export("changes", m.Changes.Name)
		ctx.Export("reads", m.Reads.Name)
		return nil
	}, nil)
	out := st.up().Outputs
	ctx := context.Background()
	c := clientsIn(region)
	topic := out["topic"].Value.(string)
	for _, name := range []string{out["changes"].Value.(string), out["reads"].Value.(string)} {
		r, err := c.Events().DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String(name)})
		if err != nil {
			t.Fatalf("rule %s: %v", name, err)
		}
		var pattern map[string]any
		if err := json.Unmarshal([]byte(aws.ToString(r.EventPattern)), &pattern); err != nil || pattern["source"] == nil {
			t.Errorf("rule %s pattern %q", name, aws.ToString(r.EventPattern))
		}
		if strings.HasPrefix(name, "watch-reads") != (r.State == "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS") {
			t.Errorf("rule %s state %s", name, r.State)
		}
		targets, err := c.Events().ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String(name)})
		if err != nil || len(targets.Targets) != 1 || aws.ToString(targets.Targets[0].Arn) != topic {
			t.Errorf("rule %s targets %v, %v; want the topic", name, targets, err)
		}
	}
	attrs, err := c.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
	if err != nil || !strings.Contains(attrs.Attributes["Policy"], "events.amazonaws.com") || !strings.Contains(attrs.Attributes["Policy"], "aws:SourceArn") {
		t.Errorf("topic policy %q, %v", attrs.Attributes["Policy"], err)
	}
	st.assertStable()
	st.destroy()
	if rules, err := c.Events().ListRules(ctx, &eventbridge.ListRulesInput{NamePrefix: aws.String("watch-")}); err != nil || len(rules.Rules) != 0 {
		t.Errorf("after destroy: rules %v, %v", rules, err)
	}
	if _, err := c.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)}); err == nil {
		t.Error("after destroy: the topic is still there")
	}
}
