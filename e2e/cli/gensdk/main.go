// Command gensdk writes the TypeScript SDK of a package schema, as `pulumi package add`
// does with a current Node.js language host: the engine suite's Node.js host (v3.66.0, the
// last one published as a module) predates SDK generation by the language host, so the
// suite generates with the CLI's own code generator, pinned by this module.
//
//	go run ./gensdk <schema.json> <dependency schema.json>... <out dir>
//
// The dependency schemas (the AWS package's, for its provider type) answer references to
// other packages.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gensdk:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: gensdk <schema.json> <dependency schema.json>... <out dir>")
	}
	loader := loader{}
	for _, path := range args[1 : len(args)-1] {
		spec, err := read(path)
		if err != nil {
			return err
		}
		pkg, err := schema.ImportSpec(spec, nil, loader, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		loader[spec.Name] = pkg
	}
	spec, err := read(args[0])
	if err != nil {
		return err
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, err := nodejs.GeneratePackage("gensdk", pkg, nil, nil, true, loader)
	if err != nil {
		return err
	}
	out := args[len(args)-1]
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func read(path string) (schema.PackageSpec, error) {
	var spec schema.PackageSpec
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, &spec)
	}
	return spec, err
}

// loader answers references to the dependency packages, whatever the version asked.
type loader map[string]*schema.Package

func (l loader) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	if p, ok := l[name]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("no schema given for package %s", name)
}

func (l loader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (l loader) LoadPackageReference(name string, v *semver.Version) (schema.PackageReference, error) {
	p, err := l.LoadPackage(name, v)
	if err != nil {
		return nil, err
	}
	return p.Reference(), nil
}

func (l loader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}
