package rotation

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The archive is the same bytes each time it is made, bootstrap alone or with a CA bundle
// beside it, so a second `pulumi up` plans no change of the function's code.
func TestArchiveIsReproducible(t *testing.T) {
	bundle := filepath.Join(t.TempDir(), "rds.pem")
	if err := os.WriteFile(bundle, []byte("-----BEGIN CERTIFICATE-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := rotatorArchive(bundle)
	if err != nil {
		t.Fatal(err)
	}
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	// A second build from scratch, as another `pulumi up` would do.
	executable.exe, err = buildRotator()
	if err != nil {
		t.Fatal(err)
	}
	again, err := writeArchive(bundle)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if first != again || !bytes.Equal(a, b) {
		t.Fatalf("two builds differ: %s and %s", first, again)
	}
	z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range z.File {
		got = append(got, f.Name+" "+f.Mode().Perm().String()+" "+f.Modified.UTC().Format("2006-01-02"))
	}
	want := []string{"bootstrap -rwxr-xr-x 1980-01-01", "ca-bundle.pem -rw-r--r-- 1980-01-01"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("archive entries = %v, want %v", got, want)
	}
}

func TestArchiveNamesAMissingBundle(t *testing.T) {
	_, err := rotatorArchive("/nonexistent/rds.pem")
	want := "building the Go rotation function (give GoRotationOptions.Archive to use one built elsewhere): open /nonexistent/rds.pem: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
