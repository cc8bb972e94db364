package provider

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// propagationTimeout is the upstream's propagationTimeout for Secrets Manager (consts.go):
// how long its waits and retries last.
const propagationTimeout = 2 * time.Minute

// maxAttempts is the upstream's default max_retries (25): the AWS SDK retries throttling
// and transient errors that many times.
const maxAttempts = 25

// errNotYet is what a retried step returns to be called again.
var errNotYet = errors.New("not yet")

// untilFound is the upstream's tfresource.RetryWhenNotFound: find is called until it finds
// what it looks for (a read right after a write may not), or fails, or propagationTimeout
// passes.
func untilFound(ctx context.Context, what string, find func() (found bool, err error)) error {
	return retryFor(ctx, propagationTimeout, what, func() error {
		found, err := find()
		if err == nil && !found {
			return errNotYet
		}
		return err
	})
}

// retryFor calls step until it returns something other than errNotYet, or until timeout,
// as the upstream's tfresource.RetryWhen* helpers do (waiting a little longer each time).
func retryFor(ctx context.Context, timeout time.Duration, what string, step func() error) error {
	deadline := time.Now().Add(timeout)
	wait := 100 * time.Millisecond
	for {
		err := step()
		if !errors.Is(err, errNotYet) {
			return err
		}
		if time.Now().Add(wait).After(deadline) {
			return fmt.Errorf("timeout while waiting for %s", what)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
