// Package plan renders the resources a program registered with the recording mock as a
// readable plan or as JSON: the offline equivalent of `cdk synth`. Every secret is printed
// as [secret] and every value unknown at plan time as [unknown]; no secret value can reach
// the output because masking happens before any value is formatted.
package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// The markers that stand in for values.
const (
	SecretMarker  = "[secret]"
	UnknownMarker = "[unknown]"
)

// Entry is one planned resource.
type Entry struct {
	Type    string         `json:"type"`
	Name    string         `json:"name"`
	Parent  string         `json:"parent,omitempty"` // the parent's name
	Inputs  map[string]any `json:"inputs"`
	Options []string       `json:"options,omitempty"`
	depth   int
}

// Build turns the registrations into entries, parents before children, siblings by name.
func Build(resources []pulumitest.Resource) []Entry {
	children := map[string][]pulumitest.Resource{}
	names := map[string]string{}
	for _, r := range resources {
		children[r.Parent] = append(children[r.Parent], r)
		names[r.URN] = r.Name
	}
	var out []Entry
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		kids := children[parent]
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].Name < kids[j].Name })
		for _, r := range kids {
			out = append(out, Entry{
				Type: r.Type, Name: r.Name, Parent: names[r.Parent],
				Inputs: mask(resource.NewProperty(r.Inputs)).(map[string]any), Options: options(r), depth: depth,
			})
			walk(r.URN, depth+1)
		}
	}
	walk("", 0)
	return out
}

func options(r pulumitest.Resource) []string {
	var o []string
	if len(r.IgnoreChanges) > 0 {
		o = append(o, "ignoreChanges="+strings.Join(r.IgnoreChanges, ","))
	}
	if r.DeleteBeforeReplace {
		o = append(o, "deleteBeforeReplace")
	}
	if r.RetainOnDelete {
		o = append(o, "retainOnDelete")
	}
	if r.Provider != "" {
		// A provider reference is "<urn>::<id>".
		o = append(o, "provider="+urnName(r.Provider[:max(strings.LastIndex(r.Provider, "::"), 0)]))
	}
	if len(r.DependsOn) > 0 {
		deps := make([]string, len(r.DependsOn))
		for i, d := range r.DependsOn {
			deps[i] = urnName(d)
		}
		sort.Strings(deps)
		o = append(o, "dependsOn="+strings.Join(deps, ","))
	}
	return o
}

// urnName is the name, the last "::" segment, of a URN.
func urnName(urn string) string { return urn[strings.LastIndex(urn, "::")+2:] }

// mask converts v to plain Go values with every secret replaced by SecretMarker and every
// unknown by UnknownMarker. A secret is masked whole, whatever it wraps.
func mask(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return SecretMarker
	case v.IsComputed(), v.IsOutput() && !v.OutputValue().Known:
		return UnknownMarker
	case v.IsOutput():
		if v.OutputValue().Secret {
			return SecretMarker
		}
		return mask(v.OutputValue().Element)
	case v.IsObject():
		m := map[string]any{}
		for k, e := range v.ObjectValue() {
			m[string(k)] = mask(e)
		}
		return m
	case v.IsArray():
		a := make([]any, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			a[i] = mask(e)
		}
		return a
	case v.IsResourceReference():
		return "[resource " + string(v.ResourceReferenceValue().URN) + "]"
	case v.IsNull():
		return nil
	}
	return v.V
}

// WriteText writes the entries as an indented plan.
func WriteText(w io.Writer, entries []Entry) error {
	var b strings.Builder
	for _, e := range entries {
		ind := strings.Repeat("    ", e.depth)
		fmt.Fprintf(&b, "%s+ %s %s\n", ind, e.Type, e.Name)
		if len(e.Options) > 0 {
			fmt.Fprintf(&b, "%s    [%s]\n", ind, strings.Join(e.Options, " "))
		}
		keys := make([]string, 0, len(e.Inputs))
		for k := range e.Inputs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, err := json.Marshal(e.Inputs[k])
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s    %s: %s\n", ind, k, v)
		}
	}
	fmt.Fprintf(&b, "%d resources\n", len(entries))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the entries as a JSON array.
func WriteJSON(w io.Writer, entries []Entry) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}
