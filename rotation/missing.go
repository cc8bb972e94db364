package rotation

import (
	"reflect"

	"github.com/secretsmith/secretsmith/secrets"
)

// missing reports a secret that is not given: nil, or a nil pointer such as
// (*secrets.Secret)(nil), which would otherwise panic once used.
func missing(ref secrets.Reference) bool {
	if ref == nil {
		return true
	}
	v := reflect.ValueOf(ref)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
