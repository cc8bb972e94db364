package isnil

import "testing"

type thing struct{}

func TestIs(t *testing.T) {
	var typed *thing
	var iface any = typed
	for v, want := range map[any]bool{"": false, 0: false} {
		if Is(v) != want {
			t.Errorf("Is(%#v) = %v", v, !want)
		}
	}
	if !Is(nil) || !Is(iface) || Is(&thing{}) {
		t.Error("nil, a typed nil pointer and a pointer are told apart wrongly")
	}
}
