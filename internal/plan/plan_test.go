package plan

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

func TestMask(t *testing.T) {
	t.Parallel()
	in := resource.PropertyMap{
		"plain":    resource.NewProperty("visible"),
		"secret":   resource.MakeSecret(resource.NewProperty("hunter2")),
		"unknown":  resource.MakeComputed(resource.NewProperty("")),
		"nested":   resource.NewProperty(resource.PropertyMap{"pw": resource.MakeSecret(resource.NewProperty("hunter2"))}),
		"list":     resource.NewProperty([]resource.PropertyValue{resource.NewProperty(1.0), resource.MakeSecret(resource.NewProperty("hunter2"))}),
		"output":   resource.NewProperty(resource.Output{Element: resource.NewProperty("hunter2"), Known: true, Secret: true}),
		"pending":  resource.NewProperty(resource.Output{}),
		"nothing":  resource.NewNullProperty(),
		"secretUn": resource.MakeSecret(resource.MakeComputed(resource.NewProperty(""))),
	}
	got := mask(resource.NewProperty(in))
	want := map[string]any{
		"plain": "visible", "secret": SecretMarker, "unknown": UnknownMarker,
		"nested": map[string]any{"pw": SecretMarker}, "list": []any{1.0, SecretMarker},
		"output": SecretMarker, "pending": UnknownMarker, "nothing": nil, "secretUn": SecretMarker,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mask = %v; want %v", got, want)
	}
}

func TestWriteTextOrdersParentsFirst(t *testing.T) {
	t.Parallel()
	const comp = "urn:pulumi:stack::project::c:m:C::a"
	entries := Build([]pulumitest.Resource{
		{Type: "t:m:Child", Name: "a-z", URN: "urn:pulumi:stack::project::c:m:C$t:m:Child::a-z", Parent: comp,
			Inputs: resource.PropertyMap{"k": resource.MakeSecret(resource.NewProperty("hunter2"))}, RetainOnDelete: true},
		{Type: "c:m:C", Name: "a", URN: comp, Inputs: resource.PropertyMap{}},
		{Type: "t:m:Child", Name: "a-b", URN: "urn:pulumi:stack::project::c:m:C$t:m:Child::a-b", Parent: comp, Inputs: resource.PropertyMap{}},
	})
	var b bytes.Buffer
	if err := WriteText(&b, entries); err != nil {
		t.Fatal(err)
	}
	want := "+ c:m:C a\n    + t:m:Child a-b\n    + t:m:Child a-z\n        [retainOnDelete]\n        k: \"[secret]\"\n3 resources\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "hunter2") {
		t.Error("a secret leaked")
	}
}
