// Package synth prints a Pulumi Go program's plan offline, the equivalent of `cdk synth`:
// it runs the program as a preview against an in-process mock engine and prints each
// resource it would create (type, name, parent, options, inputs), every secret as [secret]
// and every value unknown at plan time as [unknown]. Nothing needs AWS, the Pulumi CLI or a
// network. Make Main your program's main to get `go run . synth [--json]` beside `pulumi
// up`, as the demo and every example do (`go run . synth ./examples/<name>` from the
// repository's root).
package synth

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/plan"
)

// Run runs program with config (keys as "project:key") as a preview and writes its plan,
// as JSON when args hold --json.
func Run(w io.Writer, program pulumi.RunFunc, config map[string]string, args []string) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the plan as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	entries, err := planned(program, settings{config: config})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if *asJSON {
		return plan.WriteJSON(w, entries)
	}
	return plan.WriteText(w, entries)
}

// Main is a program's main: `synth [--json]` prints its plan with config, anything else
// runs it under the Pulumi CLI.
func Main(program pulumi.RunFunc, config map[string]string) {
	if len(os.Args) > 1 && os.Args[1] == "synth" {
		if err := Run(os.Stdout, program, config, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	pulumi.Run(program)
}
