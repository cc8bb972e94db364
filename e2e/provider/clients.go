package provider

import (
	"fmt"
	"net"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Account is the account the emulator pretends to be.
const Account = "123456789012"

// Clients are the AWS clients of one provider configuration: one region, the emulator's
// endpoint.
type Clients struct {
	Endpoint string
	Region   string
}

// checkLoopback accepts only an http(s) URL whose host is a loopback address.
func checkLoopback(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil || endpoint == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%s must be the emulator's http URL on a loopback address, got %q", EndpointVariable, endpoint)
	}
	ip := net.ParseIP(u.Hostname())
	if u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s must name a loopback address (127.0.0.0/8, ::1 or localhost), got host %q", EndpointVariable, u.Hostname())
	}
	return nil
}

func (c *Clients) in(region string) *Clients {
	return &Clients{Endpoint: c.Endpoint, Region: region}
}

func (c *Clients) config() aws.Config {
	return aws.Config{
		Region:       c.Region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(c.Endpoint),
		Retryer:      func() aws.Retryer { return retry.AddWithMaxAttempts(retry.NewStandard(), maxAttempts) },
	}
}

// SM is the Secrets Manager client.
func (c *Clients) SM() *secretsmanager.Client { return secretsmanager.NewFromConfig(c.config()) }

// KMS is the KMS client.
func (c *Clients) KMS() *kms.Client { return kms.NewFromConfig(c.config()) }

// IAM is the IAM client.
func (c *Clients) IAM() *iam.Client { return iam.NewFromConfig(c.config()) }

// STS is the STS client.
func (c *Clients) STS() *sts.Client { return sts.NewFromConfig(c.config()) }

// Lambda is the Lambda client.
func (c *Clients) Lambda() *lambda.Client { return lambda.NewFromConfig(c.config()) }

// Events is the EventBridge client.
func (c *Clients) Events() *eventbridge.Client { return eventbridge.NewFromConfig(c.config()) }

// RDS is the RDS client.
func (c *Clients) RDS() *rds.Client { return rds.NewFromConfig(c.config()) }

// SNS is the SNS client.
func (c *Clients) SNS() *sns.Client { return sns.NewFromConfig(c.config()) }

// EC2 is the EC2 client.
func (c *Clients) EC2() *ec2.Client { return ec2.NewFromConfig(c.config()) }
