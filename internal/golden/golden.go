// Package golden compares test output with files kept in testdata, and rewrites them with
// go test -update.
package golden

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// Compare compares got with the file at path; with -update it rewrites the file first.
func Compare(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("the output differs from %s (go test -update to accept):\n%s", path, got)
	}
}

// Updating reports whether the tests run with -update, for golden files kept otherwise.
func Updating() bool { return *update }
