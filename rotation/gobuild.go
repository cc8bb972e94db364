package rotation

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// rotatorPackage is the Go rotation function's main package, in this module.
const (
	modulePath     = "github.com/secretsmith/secretsmith"
	rotatorPackage = "./rotator/lambda"
)

// caBundleFile is where a CA bundle given to the function sits in its archive, and so in
// /var/task.
const caBundleFile = "ca-bundle.pem"

// executable is the function's binary, built at most once per process.
var executable struct {
	once sync.Once
	exe  []byte
	err  error
}

// rotatorArchive builds secretsmith's rotation function (rotator/lambda) for Lambda's
// provided.al2023 runtime on arm64 and returns the path of a zip that holds it as
// bootstrap (and the PEM file caBundle, if given, as ca-bundle.pem), under the user's cache
// directory. The source is the secretsmith module the program builds with (`go list -m`
// from the working directory, where `pulumi up` runs the program), so the function always
// matches the library. The build is reproducible (-trimpath, no build ID or VCS stamp,
// fixed zip times and modes): the same source, Go version and bundle give the same bytes, so
// a second `pulumi up` changes nothing.
func rotatorArchive(caBundle string) (string, error) {
	path, err := writeArchive(caBundle)
	if err != nil {
		return "", fmt.Errorf("building the Go rotation function (give GoRotationOptions.Archive to use one built elsewhere): %w", err)
	}
	return path, nil
}

func writeArchive(caBundle string) (string, error) {
	executable.once.Do(func() { executable.exe, executable.err = buildRotator() })
	if executable.err != nil {
		return "", executable.err
	}
	files := map[string][]byte{"bootstrap": executable.exe}
	if caBundle != "" {
		pem, err := os.ReadFile(caBundle)
		if err != nil {
			return "", err
		}
		files[caBundleFile] = pem
	}
	archive, err := zipOf(files)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(archive)
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	path := filepath.Join(cache, "secretsmith", "rotator", hex.EncodeToString(sum[:12])+".zip")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	part, err := os.CreateTemp(filepath.Dir(path), "partial-")
	if err != nil {
		return "", err
	}
	if _, err := part.Write(archive); err != nil {
		part.Close()
		return "", err
	}
	if err := part.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(part.Name(), path)
}

// buildRotator builds rotator/lambda from the secretsmith module's source.
func buildRotator() ([]byte, error) {
	dir, err := goOutput("", "list", "-m", "-f", "{{.Dir}}", modulePath)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "secretsmith-rotator-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bootstrap")
	if _, err := goOutput(dir, "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", bin, rotatorPackage); err != nil {
		return nil, err
	}
	return os.ReadFile(bin)
}

// goOutput runs the go command in dir for linux/arm64 without cgo, and returns its trimmed
// standard output.
func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// zipOf is a zip of files with fixed times, in name order; bootstrap is executable.
func zipOf(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)}
		h.SetMode(0o644)
		if n == "bootstrap" {
			h.SetMode(0o755)
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
