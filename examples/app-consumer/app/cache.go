package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// getter is what the cache needs of Secrets Manager.
type getter interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// cache holds the AWSCURRENT value of one secret for ttl after each read. Safe for
// concurrent use; a failed refresh keeps nothing, so the next call reads again.
type cache struct {
	sm  getter
	arn string
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	v       string
	fetched time.Time
}

func newCache(sm getter, arn string, ttl time.Duration) *cache {
	return &cache{sm: sm, arn: arn, ttl: ttl, now: time.Now}
}

// value is the secret's current value, read from Secrets Manager at most once per ttl.
func (c *cache) value(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fetched.IsZero() && c.now().Sub(c.fetched) < c.ttl {
		return c.v, nil
	}
	out, err := c.sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String(c.arn), VersionStage: aws.String("AWSCURRENT"),
	})
	if err != nil {
		// The error names the secret's ARN, never its value.
		return "", fmt.Errorf("reading %s: %w", c.arn, err)
	}
	c.v, c.fetched = aws.ToString(out.SecretString), c.now()
	return c.v, nil
}
