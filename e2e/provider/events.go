package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func eventsNotFound(err error) bool {
	var nf *ebtypes.ResourceNotFoundException
	return errors.As(err, &nf)
}

// eventRule is aws:cloudwatch/eventRule:EventRule (upstream resourceRule*) on the default
// bus: its ID is its name; the pattern and state change in place (PutRule).
var eventRule = &Type{
	ForceNew: []string{"name", "namePrefix", "eventBusName"},
	AutoName: "name",
	Defaults: map[string]any{"eventBusName": "default", "state": "ENABLED"},
	Computed: []string{"arn", "tagsAll", "namePrefix", "isEnabled"},
	JSON:     []string{"eventPattern"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		return in.Str("name"), nil, putRule(ctx, c, in)
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.Events().DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String(id)})
		if eventsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p := state.copy()
		p["arn"], p["name"], p["state"] = aws.ToString(out.Arn), aws.ToString(out.Name), string(out.State)
		p["eventPattern"] = keepPolicy(state.Str("eventPattern"), aws.ToString(out.EventPattern))
		p["isEnabled"] = out.State != ebtypes.RuleStateDisabled
		return p, nil
	},
	Update: func(ctx context.Context, c *Clients, _ string, _, news Props) error { return putRule(ctx, c, news) },
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.Events().DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: aws.String(id)})
		if err != nil && !eventsNotFound(err) {
			return fmt.Errorf("deleting EventBridge Rule (%s): %w", id, err)
		}
		return nil
	},
}

func putRule(ctx context.Context, c *Clients, in Props) error {
	if _, err := c.Events().PutRule(ctx, &eventbridge.PutRuleInput{
		Name: aws.String(in.Str("name")), EventPattern: strPtr(in, "eventPattern"), State: ebtypes.RuleState(in.Str("state")),
	}); err != nil {
		return fmt.Errorf("creating EventBridge Rule (%s): %w", in.Str("name"), err)
	}
	return nil
}

// eventTarget is aws:cloudwatch/eventTarget:EventTarget (upstream resourceTarget*): its ID
// is rule-targetId; without targetId the upstream generates one.
var eventTarget = &Type{
	ForceNew: []string{"rule", "targetId", "eventBusName"},
	AutoName: "targetId",
	Defaults: map[string]any{"eventBusName": "default"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		return in.Str("rule") + "-" + in.Str("targetId"), nil, putTarget(ctx, c, in)
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.Events().ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String(state.Str("rule"))})
		if eventsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		for _, t := range out.Targets {
			if aws.ToString(t.Id) == state.Str("targetId") {
				p := state.copy()
				p["arn"] = aws.ToString(t.Arn)
				return p, nil
			}
		}
		return nil, nil
	},
	Update: func(ctx context.Context, c *Clients, _ string, _, news Props) error { return putTarget(ctx, c, news) },
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		_, err := c.Events().RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: aws.String(state.Str("rule")), Ids: []string{state.Str("targetId")}})
		if err != nil && !eventsNotFound(err) {
			return fmt.Errorf("deleting EventBridge Target (%s): %w", id, err)
		}
		return nil
	},
}

func putTarget(ctx context.Context, c *Clients, in Props) error {
	if _, err := c.Events().PutTargets(ctx, &eventbridge.PutTargetsInput{
		Rule: aws.String(in.Str("rule")), Targets: []ebtypes.Target{{Id: aws.String(in.Str("targetId")), Arn: aws.String(in.Str("arn"))}},
	}); err != nil {
		return fmt.Errorf("creating EventBridge Target (%s): %w", in.Str("targetId"), err)
	}
	return nil
}

func snsNotFound(err error) bool {
	var nf *snstypes.NotFoundException
	return errors.As(err, &nf)
}

// topic is aws:sns/topic:Topic (upstream resourceTopic*), standard topics only: its ID is
// its ARN.
var topic = &Type{
	ForceNew: []string{"name", "namePrefix", "fifoTopic"},
	AutoName: "name",
	Computed: []string{"arn", "owner", "tagsAll", "namePrefix", "policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		out, err := c.SNS().CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(in.Str("name"))})
		if err != nil {
			return "", nil, fmt.Errorf("creating SNS Topic (%s): %w", in.Str("name"), err)
		}
		return aws.ToString(out.TopicArn), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(id)})
		if snsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p := state.copy()
		p["arn"], p["name"], p["owner"] = id, id[strings.LastIndex(id, ":")+1:], out.Attributes["Owner"]
		p["policy"] = out.Attributes["Policy"]
		return p, nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.SNS().DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(id)})
		if err != nil && !snsNotFound(err) {
			return fmt.Errorf("deleting SNS Topic (%s): %w", id, err)
		}
		return nil
	},
}

// topicPolicy is aws:sns/topicPolicy:TopicPolicy (upstream resourceTopicPolicy*): the
// topic's Policy attribute; its ID is the topic's ARN.
var topicPolicy = &Type{
	ForceNew: []string{"arn"},
	Computed: []string{"owner"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		return in.Str("arn"), nil, setTopicPolicy(ctx, c, in.Str("arn"), in.Str("policy"))
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(id)})
		if snsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return Props{"arn": id, "owner": out.Attributes["Owner"], "policy": keepPolicy(state.Str("policy"), out.Attributes["Policy"])}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		return setTopicPolicy(ctx, c, id, news.Str("policy"))
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		// As upstream: the topic gets its default policy back.
		out, err := c.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(id)})
		if snsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return setTopicPolicy(ctx, c, id, defaultTopicPolicy(id, out.Attributes["Owner"]))
	},
}

// defaultTopicPolicy is the policy SNS gives a new topic (upstream defaultTopicPolicy).
func defaultTopicPolicy(arn, owner string) string {
	return `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow",` +
		`"Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission",` +
		`"SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"` + arn + `",` +
		`"Condition":{"StringEquals":{"AWS:SourceOwner":"` + owner + `"}}}]}`
}

func setTopicPolicy(ctx context.Context, c *Clients, arn, policy string) error {
	if _, err := c.SNS().SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
		TopicArn: aws.String(arn), AttributeName: aws.String("Policy"), AttributeValue: aws.String(policy),
	}); err != nil {
		return fmt.Errorf("setting SNS Topic Policy (%s): %w", arn, err)
	}
	return nil
}
