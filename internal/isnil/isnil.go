// Package isnil tells a value that is not given: nil, or a nil pointer in an interface such
// as a (*secrets.Secret)(nil) passed as a secrets.Reference, which would panic once used.
package isnil

import "reflect"

// Is reports whether v is nil or a nil pointer.
func Is(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}
