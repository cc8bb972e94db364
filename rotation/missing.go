package rotation

import (
	"github.com/secretsmith/secretsmith/internal/isnil"
	"github.com/secretsmith/secretsmith/secrets"
)

// missing reports a secret that is not given: nil, or a nil pointer such as
// (*secrets.Secret)(nil), which would otherwise panic once used.
func missing(ref secrets.Reference) bool { return isnil.Is(ref) }
