package provider

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// randomBytes is random:index/randomBytes:RandomBytes (terraform-provider-random
// resource_bytes.go): length and keepers force new bytes; the bytes live only in the state,
// and a read gives back what the state holds.
var randomBytes = &Type{
	ForceNew: []string{"length", "keepers"},
	Computed: []string{"base64", "hex"},
	Secrets:  []string{"base64", "hex"},
	Create: func(_ context.Context, _ *Clients, in Props) (string, Props, error) {
		n, ok := in.Int("length")
		if !ok || n < 1 {
			return "", nil, fmt.Errorf("length must be at least 1")
		}
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			return "", nil, err
		}
		return "none", Props{"base64": base64.StdEncoding.EncodeToString(b), "hex": hex.EncodeToString(b)}, nil
	},
	Read: func(_ context.Context, _ *Clients, _ string, state Props) (Props, error) {
		return Props{"length": state["length"], "keepers": state["keepers"], "base64": state["base64"], "hex": state["hex"]}, nil
	},
	Delete: func(context.Context, *Clients, string, Props) error { return nil },
}
