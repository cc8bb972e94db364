package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// fake is Secrets Manager with one secret, whose value the test rotates.
type fake struct {
	value string
	reads int
	err   error
}

func (f *fake) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	f.reads++
	if aws.ToString(in.VersionStage) != "AWSCURRENT" {
		return nil, errors.New("asked for another stage than AWSCURRENT")
	}
	if f.err != nil {
		return nil, f.err
	}
	return &secretsmanager.GetSecretValueOutput{SecretString: aws.String(f.value)}, nil
}

// The value is read once per TTL; after a rotation the new value arrives when it expires.
func TestCache(t *testing.T) {
	sm := &fake{value: `{"client":"app","token":"one"}`}
	now := time.Unix(0, 0)
	c := newCache(sm, "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbC123", 5*time.Minute)
	c.now = func() time.Time { return now }
	for range 3 {
		if got, err := handle(context.Background(), c); err != nil || got != "ok" {
			t.Fatalf("handle = %q, %v", got, err)
		}
	}
	if sm.reads != 1 {
		t.Errorf("%d reads within the TTL, want 1", sm.reads)
	}
	first := sm.value
	sm.value = `{"client":"app","token":"two"}`
	now = now.Add(4 * time.Minute)
	if got, _ := c.value(context.Background()); got != first || sm.reads != 1 {
		t.Errorf("before the TTL: %d reads or not the cached value, want the cached value from one read", sm.reads)
	}
	now = now.Add(2 * time.Minute)
	if got, _ := c.value(context.Background()); got != sm.value || sm.reads != 2 {
		t.Errorf("after the TTL: %d reads or not the rotated value, want the rotated value from a second read", sm.reads)
	}
}

// A failed read caches nothing and names the secret, not a value.
func TestCacheError(t *testing.T) {
	sm := &fake{err: errors.New("AccessDeniedException")}
	c := newCache(sm, "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbC123", time.Minute)
	if _, err := c.value(context.Background()); err == nil || !strings.Contains(err.Error(), "reading arn:aws:secretsmanager") {
		t.Errorf("err = %v", err)
	}
	sm.err, sm.value = nil, `{"client":"app","token":"t"}`
	if _, err := c.value(context.Background()); err != nil || sm.reads != 2 {
		t.Errorf("after a failure: err %v, %d reads; want a fresh read", err, sm.reads)
	}
	sm.value = "not json"
	c = newCache(sm, "arn", time.Minute)
	if _, err := handle(context.Background(), c); err == nil || strings.Contains(err.Error(), "not json") {
		t.Errorf("a malformed value: %v", err)
	}
}
