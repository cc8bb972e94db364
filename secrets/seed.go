package secrets

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"sync"

	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// seedLength is the number of random bytes behind a generated value: 256 bits.
const seedLength = 32

// seedSource is where a secret's seed comes from: random bytes, as base64, and how the
// secret's own seed is made from them in the apply that uses it (so that deriving it costs
// no output of its own): the bytes themselves for a Secret, its share for a set's secret.
type seedSource struct {
	base64 pulumi.StringOutput                 // a Pulumi secret (newSeedSource)
	own    func(base64 string) (string, error) // nil: the bytes are the secret's own
	// plain is base64 as a plain output, made once per seed when first asked: only for what
	// tells nothing of the bytes, as the HMAC of an identity label (kept.go).
	plain func() pulumi.StringOutput
}

// newSeedSource is the seed r as a seedSource with the secret's own bytes, as a Pulumi
// secret, which whatever derives from it stays, whether or not the engine marks random
// bytes secret.
func newSeedSource(r *random.RandomBytes) seedSource {
	b := pulumi.ToSecret(r.Base64).(pulumi.StringOutput)
	return seedSource{base64: b, plain: sync.OnceValue(func() pulumi.StringOutput {
		return pulumi.Unsecret(b).(pulumi.StringOutput)
	})}
}

// share is the seedSource of the set member key, from the set's seed.
func (s seedSource) share(key string) seedSource {
	s.own = lastOf(shareOf(key))
	return s
}

// of is the secret's own seed from the source's bytes.
func (s seedSource) of(base64 string) (string, error) {
	if s.own == nil {
		return base64, nil
	}
	return s.own(base64)
}

// shareOf derives the share of the secret key from a set's seed, as base64 like the seed:
// HMAC-SHA256 keyed by the seed, so no share tells anything of the seed or another share.
func shareOf(key string) func(string) (string, error) {
	return func(seed string) (string, error) {
		raw, err := base64.StdEncoding.DecodeString(seed)
		if err != nil {
			return "", fmt.Errorf("secrets: the set's seed is not base64: %w", errNoDetail)
		}
		mac := hmac.New(sha256.New, raw)
		mac.Write([]byte("secretsmith set member\x00" + key))
		return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
	}
}

// lastOf is f remembering its result for the argument it last had: the applies of one
// secret derive the same thing from the same value, each in its own goroutine.
func lastOf[T any](f func(string) (T, error)) func(string) (T, error) {
	var (
		mu   sync.Mutex
		have bool
		arg  string
		val  T
		err  error
	)
	return func(a string) (T, error) {
		mu.Lock()
		defer mu.Unlock()
		if !have || a != arg {
			val, err = f(a)
			have, arg = true, a
		}
		return val, err
	}
}
