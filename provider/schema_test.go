package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/secretsmith/secretsmith/internal/golden"
)

// server is the plugin in process; mocks, when given, answer its children's registrations.
func server(t *testing.T, opts ...integration.ServerOption) integration.Server {
	t.Helper()
	prov, err := provider()
	if err != nil {
		t.Fatal(err)
	}
	s, err := integration.NewServer(t.Context(), "secretsmith", semver.MustParse(version),
		append([]integration.ServerOption{integration.WithProvider(prov)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The schema other languages' SDKs are generated from, pinned.
func TestSchema(t *testing.T) {
	resp, err := server(t).GetSchema(p.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(resp.Schema), "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	golden.Compare(t, "testdata/schema.json", out.Bytes())
}
