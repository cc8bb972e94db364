package pulumitest

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var captures atomic.Int64

// Captured is the resolution of an output, read after Run returns.
type Captured struct {
	out     pulumi.Output
	applied pulumi.Output
	mu      sync.Mutex
	value   any
	known   bool
}

// Capture records out's resolution. Call it inside the program; read it after Run.
// It exports out from the stack, so that Run waits for it even when no resource depends on
// it (outputs of invokes are not otherwise awaited).
func Capture(ctx *pulumi.Context, out pulumi.Output) *Captured {
	c := &Captured{out: out}
	ctx.Export(fmt.Sprintf("captured%d", captures.Add(1)), out)
	c.applied = out.ApplyT(func(v any) (any, error) {
		c.mu.Lock()
		c.value, c.known = v, true
		c.mu.Unlock()
		return v, nil
	})
	return c
}

// Value returns the resolved value and whether it was known.
func (c *Captured) Value() (any, bool) {
	// Awaiting the applied output waits for the apply to run, or to be skipped when out is
	// unknown; outputs made without a resource are not awaited by Run.
	pulumi.IsSecret(c.applied)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value, c.known
}

// String returns the resolved value as a string ("" if unknown or not a string).
func (c *Captured) String() string {
	v, _ := c.Value()
	s, _ := v.(string)
	return s
}

// Secret reports whether the output was a Pulumi secret.
func (c *Captured) Secret() bool { return pulumi.IsSecret(c.out) }
