package problems

import (
	"errors"
	"testing"
)

func TestJoin(t *testing.T) {
	if err := Join("secrets", nil); err != nil {
		t.Errorf("no problems: %v; want nil", err)
	}
	first := errors.New("SecretName must be 1 to 512 letters")
	err := Join("grants: app", []error{first, errors.New("the access grants no action")})
	want := "grants: app: SecretName must be 1 to 512 letters\ngrants: app: the access grants no action"
	if err == nil || err.Error() != want {
		t.Errorf("got %q; want %q", err, want)
	}
	if !errors.Is(err, first) {
		t.Error("a problem is no longer wrapped")
	}
}

func TestEntry(t *testing.T) {
	if got := Entry("Secrets", `a"b`); got != `Secrets["a\"b"]` {
		t.Errorf("Entry = %s; want the key quoted", got)
	}
}
