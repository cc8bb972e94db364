package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/rotator/internal/rotatortest"
)

// runtimeAPI plays Lambda's runtime API on loopback for one function process: each event
// sent is answered by the function's response or error.
type runtimeAPI struct {
	events  chan []byte
	results chan result
	srv     *http.Server
	addr    string
}

type result struct {
	ok   bool
	body string
}

func startRuntimeAPI(t *testing.T) *runtimeAPI {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	api := &runtimeAPI{events: make(chan []byte), results: make(chan result), addr: ln.Addr().String()}
	mux := http.NewServeMux()
	n := 0
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		select {
		case e := <-api.events:
			n++
			w.Header().Set("Lambda-Runtime-Aws-Request-Id", fmt.Sprintf("request-%d", n))
			w.Header().Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(time.Minute).UnixMilli()))
			w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:rotator")
			_, _ = w.Write(e)
		case <-r.Context().Done():
		}
	})
	answer := func(ok bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			w.WriteHeader(http.StatusAccepted)
			api.results <- result{ok: ok, body: string(b)}
		}
	}
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", answer(true))
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", answer(false))
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", answer(false))
	api.srv = &http.Server{Handler: mux}
	go func() { _ = api.srv.Serve(ln) }()
	t.Cleanup(func() { _ = api.srv.Close() })
	return api
}

// invoke sends e to the function and returns its answer.
func (api *runtimeAPI) invoke(t *testing.T, e rotator.Event) result {
	t.Helper()
	b, _ := json.Marshal(e)
	select {
	case api.events <- b:
	case <-time.After(30 * time.Second):
		t.Fatal("the function never asked for an event")
	}
	select {
	case r := <-api.results:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("the function never answered")
	}
	return result{}
}

// The built bootstrap, run as Lambda runs it (the runtime API on loopback, the environment
// a GoGenerate schedule gives it), writes the first value of a secret generated in AWS in
// the emulator: the entry point, its configuration from the environment and the SDK's
// endpoint setting work together. (The emulator cannot show AWS's AWSPENDING version of a
// started rotation to another process, so the later rotations are tested in package
// rotator, through rotatortest.Service.)
func TestBootstrapWritesTheFirstValue(t *testing.T) {
	svc := rotatortest.NewService(t)
	endpoint := rotatortest.Env(t, "SECRETSMITH_TEST_AWS_ENDPOINT")
	arn := svc.NewSecret(t, "")

	bin := filepath.Join(t.TempDir(), "bootstrap")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building bootstrap: %v\n%s", err, out)
	}
	api := startRuntimeAPI(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fn := exec.CommandContext(ctx, bin)
	fn.Env = []string{
		"AWS_LAMBDA_RUNTIME_API=" + api.addr, "AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing",
		"SECRETS_MANAGER_ENDPOINT=" + endpoint, "SECRETSMITH_STRATEGY=generate",
		`SECRETSMITH_TEMPLATE={"client":"app"}`, "SECRETSMITH_KEY=token", `SECRETSMITH_PASSWORD={"Length":24,"ExcludePunctuation":true}`,
	}
	var stderr strings.Builder
	fn.Stderr = &stderr
	if err := fn.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = fn.Wait() }()

	token := svc.Start(arn)
	for _, step := range rotator.Steps() {
		if r := api.invoke(t, rotator.Event{Step: step, SecretID: arn, ClientRequestToken: token}); !r.ok {
			t.Fatalf("%s failed: %s\n%s", step, r.body, stderr.String())
		}
	}
	var v struct{ Client, Token string }
	if err := json.Unmarshal([]byte(svc.Value(t, arn, rotator.Current)), &v); err != nil || v.Client != "app" || len(v.Token) != 24 {
		t.Fatalf("the value was not rotated by the function (token of %d characters)", len(v.Token))
	}

	// A step the protocol refuses is the invocation's error, and the function keeps serving.
	r := api.invoke(t, rotator.Event{Step: rotator.SetSecret, SecretID: arn, ClientRequestToken: "0c7c6c1e-0000-4000-8000-000000000000"})
	if r.ok || !strings.Contains(r.body, "has no stage for rotation") {
		t.Errorf("an unknown token: ok %v, %s", r.ok, r.body)
	}
	if strings.Contains(stderr.String(), v.Token) {
		t.Error("the function printed the value")
	}
}
