package badinput_test

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/golden"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

const goldenFile = "testdata/errors.golden"

// run runs p in preview, where every check must hold already, and returns its error.
func run(p program) error {
	m := pulumitest.New()
	m.DryRun = true
	return m.Run(p)
}

// Every bad input fails in preview with exactly the message pinned for it, which never
// contains the secret material the case carries.
func TestBadInput(t *testing.T) {
	want := readGolden(t)
	got := map[string]string{}
	names := make([]string, 0, len(bad))
	for name := range bad {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		err := run(bad[name])
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		msg := message(err)
		got[name] = msg
		if strings.Contains(msg, hidden) {
			t.Errorf("%s: the message shows secret material: %s", name, msg)
		}
		if !golden.Updating() && want[name] != msg {
			t.Errorf("%s:\ngot  %s\nwant %s", name, msg, want[name])
		}
	}
	if golden.Updating() {
		writeGolden(t, names, got)
	}
	for name := range want {
		if _, ok := bad[name]; !ok && !golden.Updating() {
			t.Errorf("%s is in %s but not a case", name, goldenFile)
		}
	}
	if len(bad) < 200 {
		t.Errorf("%d bad-input cases, the README promises at least 200", len(bad))
	}
}

// The edge cases AWS accepts pass.
func TestGoodInput(t *testing.T) {
	t.Parallel()
	for name, p := range good {
		if err := run(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// sdkWrapping is how the Go SDK wraps an error that fails a resource's input or option
// once known: which resource reports it first varies from run to run.
var sdkWrapping = regexp.MustCompile(`^(?:waiting for RPCs: |resolving options: |marshaling properties: awaiting input property "[^"]+": )*`)

// message is err's text without the SDK's wrapping of program errors.
func message(err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "1 error occurred:\n\t* ") {
		msg = strings.TrimSuffix(strings.TrimPrefix(msg, "1 error occurred:\n\t* "), "\n\n")
	}
	return sdkWrapping.ReplaceAllString(msg, "")
}

// The golden file has one case per paragraph: "== <name>" and the message's lines.
func readGolden(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(goldenFile)
	if err != nil {
		if golden.Updating() {
			return nil
		}
		t.Fatalf("%v (go test -update to create it)", err)
	}
	out := map[string]string{}
	for _, block := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n\n") {
		name, msg, _ := strings.Cut(strings.TrimPrefix(block, "== "), "\n")
		out[name] = msg
	}
	return out
}

func writeGolden(t *testing.T, names []string, got map[string]string) {
	t.Helper()
	var b strings.Builder
	for i, name := range names {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "== %s\n%s\n", name, got[name])
	}
	if err := os.WriteFile(goldenFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
