package provider

import (
	"encoding/json"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/archive"
)

// Props are a resource's properties as plain Go values: strings, float64s, bools, []any,
// map[string]any, and Unknown for values not known yet. Secrets are unwrapped: the engine
// keeps track of them, and readState marks outputs secret again.
type Props map[string]any

// Unknown is a value the engine does not know yet (a preview).
type Unknown struct{}

func toProps(m resource.PropertyMap) Props {
	out := Props{}
	for k, v := range m {
		out[string(k)] = plain(v)
	}
	return out
}

func plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return plain(v.SecretValue().Element)
	case v.IsComputed():
		return Unknown{}
	case v.IsOutput():
		if !v.OutputValue().Known {
			return Unknown{}
		}
		return plain(v.OutputValue().Element)
	case v.IsArray():
		a := []any{}
		for _, e := range v.ArrayValue() {
			a = append(a, plain(e))
		}
		return a
	case v.IsObject():
		return map[string]any(toProps(v.ObjectValue()))
	case v.IsNull():
		return nil
	case v.IsArchive():
		return v.ArchiveValue()
	}
	return v.V
}

func fromProps(p Props) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range p {
		out[resource.PropertyKey(k)] = property(v)
	}
	return out
}

func property(v any) resource.PropertyValue {
	switch x := v.(type) {
	case nil:
		return resource.NewNullProperty()
	case string:
		return resource.NewStringProperty(x)
	case bool:
		return resource.NewBoolProperty(x)
	case int:
		return resource.NewNumberProperty(float64(x))
	case int32:
		return resource.NewNumberProperty(float64(x))
	case int64:
		return resource.NewNumberProperty(float64(x))
	case float64:
		return resource.NewNumberProperty(x)
	case []string:
		a := make([]resource.PropertyValue, len(x))
		for i, s := range x {
			a[i] = resource.NewStringProperty(s)
		}
		return resource.NewArrayProperty(a)
	case []any:
		a := make([]resource.PropertyValue, len(x))
		for i, e := range x {
			a[i] = property(e)
		}
		return resource.NewArrayProperty(a)
	case map[string]string:
		m := resource.PropertyMap{}
		for k, s := range x {
			m[resource.PropertyKey(k)] = resource.NewStringProperty(s)
		}
		return resource.NewObjectProperty(m)
	case map[string]any:
		return resource.NewObjectProperty(fromProps(x))
	case Props:
		return resource.NewObjectProperty(fromProps(x))
	case *archive.Archive:
		return resource.NewProperty(x)
	case []Props:
		a := make([]resource.PropertyValue, len(x))
		for i, e := range x {
			a[i] = resource.NewObjectProperty(fromProps(e))
		}
		return resource.NewArrayProperty(a)
	}
	return resource.NewPropertyValue(v)
}

// copy is p's top-level keys in a new map: a Read starts from the state it refreshes.
func (p Props) copy() Props {
	out := make(Props, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// Str is the string at k, or "".
func (p Props) Str(k string) string {
	s, _ := p[k].(string)
	return s
}

// Has reports whether k holds a value (not null, not "").
func (p Props) Has(k string) bool {
	switch v := p[k].(type) {
	case nil:
		return false
	case string:
		return v != ""
	}
	return true
}

// Int is the number at k; ok is false when there is none.
func (p Props) Int(k string) (int, bool) {
	f, ok := p[k].(float64)
	return int(f), ok
}

// Bool is the bool at k, or def when there is none.
func (p Props) Bool(k string, def bool) bool {
	if b, ok := p[k].(bool); ok {
		return b
	}
	return def
}

// Strings is the list of strings at k.
func (p Props) Strings(k string) []string {
	var out []string
	list, _ := p[k].([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// StrMap is the map of strings at k.
func (p Props) StrMap(k string) map[string]string {
	out := map[string]string{}
	m, _ := p[k].(map[string]any)
	for key, v := range m {
		if s, ok := v.(string); ok {
			out[key] = s
		}
	}
	return out
}

// Obj is the object at k, or an empty one.
func (p Props) Obj(k string) Props {
	m, _ := p[k].(map[string]any)
	return Props(m)
}

// Objs are the objects of the list at k.
func (p Props) Objs(k string) []Props {
	var out []Props
	list, _ := p[k].([]any)
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// equal reports whether an input value matches the state: an unknown never does; an empty
// input matches an empty state; objects match on the input's keys (the state also holds
// computed ones); Sets ignore order and JSON compares documents.
func (t *Type) equal(key string, in, state any) bool {
	if contains(t.JSON, key) {
		a, aok := in.(string)
		b, bok := state.(string)
		if aok && bok {
			return jsonEqual(a, b)
		}
	}
	if contains(t.Sets, key) {
		a, aok := in.([]any)
		b, bok := state.([]any)
		if aok && bok {
			return sameSet(a, b)
		}
	}
	return subset(in, state)
}

func subset(in, state any) bool {
	if _, ok := in.(Unknown); ok {
		return false
	}
	if empty(in) {
		return empty(state)
	}
	switch x := in.(type) {
	case map[string]any:
		s, ok := state.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range x {
			if !subset(v, s[k]) {
				return false
			}
		}
		return true
	case []any:
		s, ok := state.([]any)
		if !ok || len(s) != len(x) {
			return false
		}
		for i := range x {
			if !subset(x[i], s[i]) {
				return false
			}
		}
		return true
	}
	if a, ok := in.(*archive.Archive); ok {
		b, ok := state.(*archive.Archive)
		return ok && archiveEqual(a, b)
	}
	return reflect.DeepEqual(in, state)
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// sameSet matches every input element to a distinct state element.
func sameSet(in, state []any) bool {
	if len(in) != len(state) {
		return false
	}
	used := make([]bool, len(state))
outer:
	for _, x := range in {
		for j, y := range state {
			if !used[j] && subset(x, y) {
				used[j] = true
				continue outer
			}
		}
		return false
	}
	return true
}

func jsonEqual(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(normalizePolicy(x), normalizePolicy(y))
}

// normalizePolicy treats a one-element list and its element alike, as IAM does for Action,
// Resource and Principal values (the upstream's awspolicy equivalence).
func normalizePolicy(v any) any {
	switch x := v.(type) {
	case []any:
		if len(x) == 1 {
			return normalizePolicy(x[0])
		}
		out := make([]any, len(x))
		for i := range x {
			out[i] = normalizePolicy(x[i])
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normalizePolicy(e)
		}
		return out
	}
	return v
}

// keepPolicy returns the state's policy when AWS's copy means the same, so that a refresh
// shows no difference of formatting (the upstream's verify.PolicyToSet).
func keepPolicy(state, read string) string {
	if state != "" && jsonEqual(state, read) {
		return state
	}
	return read
}
