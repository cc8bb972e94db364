package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// The emulator's control endpoint (moto/launcher.py): the rotations it ran, its clock and
// its faults.

// rotationRecord is one rotation the emulator started.
type rotationRecord struct {
	Secret     string   `json:"secret"`
	Name       string   `json:"name"`
	Token      string   `json:"token"`
	Function   string   `json:"function"`
	Steps      []string `json:"steps"`
	Status     string   `json:"status"` // running, succeeded or failed
	FailedStep string   `json:"failedStep"`
	Error      string   `json:"error"`
}

func control(t *testing.T, method, what string, body any, out any) {
	t.Helper()
	var in bytes.Buffer
	if body != nil {
		_ = json.NewEncoder(&in).Encode(body)
	}
	req, _ := http.NewRequest(method, endpoint+"/_emulator/"+what, &in)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the emulator's %s: %v", what, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the emulator's %s: %s", what, resp.Status)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("the emulator's %s: %v", what, err)
		}
	}
}

// rotations waits until no rotation runs (as long as a slow Go function under emulation
// may take) and returns every rotation the emulator ran.
func rotations(t *testing.T) []rotationRecord {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for {
		var got struct {
			Rotations []rotationRecord `json:"rotations"`
			Running   bool             `json:"running"`
		}
		control(t, http.MethodGet, "rotations", nil, &got)
		if !got.Running {
			return got.Rotations
		}
		if time.Now().After(deadline) {
			t.Fatalf("rotations still running after 5 minutes")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// advanceClock moves the emulator's clock forward, after which it removes what AWS removes
// by then.
func advanceClock(t *testing.T, d time.Duration) {
	t.Helper()
	control(t, http.MethodPost, "clock", map[string]float64{"advance": d.Seconds()}, nil)
}

// faultSettings are the emulator's switchable faults (moto/faults.py): the first two for the
// secrets whose names start with Prefix.
type faultSettings struct {
	Prefix             *string `json:"prefix"`
	NotFoundAfterWrite int     `json:"notFoundAfterWrite"`
	Throttle           int     `json:"throttle"`
	RotateAfterRead    *string `json:"rotateAfterRead"` // a secret's name: rotate it after the next read of its AWSCURRENT
}

type faultStats struct {
	NotFound  int `json:"notFound"`
	Throttled int `json:"throttled"`
}

// withFaults switches faults on until the test ends (or stopFaults), and returns what they
// did so far.
func withFaults(t *testing.T, f faultSettings) func() faultStats {
	t.Helper()
	control(t, http.MethodPost, "faults", f, nil)
	t.Cleanup(func() { stopFaults(t) })
	return func() faultStats {
		var s struct {
			Stats faultStats `json:"stats"`
		}
		control(t, http.MethodGet, "faults", nil, &s)
		return s.Stats
	}
}

// stopFaults switches every fault off.
func stopFaults(t *testing.T) {
	t.Helper()
	control(t, http.MethodPost, "faults", faultSettings{}, nil)
}

// settle is what follows every command of a stack: the rotations it started end, none of
// them failed (unless the test expects it), and every secret holds its labels as AWS keeps
// them (labelProblems).
func (st *stack) settle(step string) {
	st.t.Helper()
	all := rotations(st.t)
	for _, r := range all[min(st.rotationsChecked, len(all)):] {
		if r.Status == "failed" && !st.failingRotations {
			st.t.Errorf("after %s: the rotation of %s by %s failed at %s: %s", step, r.Name, r.Function, r.FailedStep, st.redacted(r.Error))
		}
	}
	st.rotationsChecked = len(all)
	for _, p := range labelProblems(st.t) {
		st.t.Errorf("after %s: %s", step, p)
	}
}

// rotationsOf are the rotations of the secret named name (or with that ARN) since the
// stack began.
func (st *stack) rotationsOf(name string) []rotationRecord {
	st.t.Helper()
	var out []rotationRecord
	all := rotations(st.t)
	for _, r := range all[min(st.rotationsBefore, len(all)):] {
		if r.Name == name || r.Secret == name {
			out = append(out, r)
		}
	}
	return out
}

// labelProblems checks every secret's versions, deprecated ones included: AWSCURRENT is on
// exactly one version of a secret with a value, and every label is on at most one version.
func labelProblems(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, r := range regions {
		c := sm(r)
		list, err := c.ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
		if err != nil {
			t.Fatalf("listing secrets: %v", err)
		}
		for _, s := range list.SecretList {
			vs, err := c.ListSecretVersionIds(ctx, &secretsmanager.ListSecretVersionIdsInput{SecretId: s.ARN, IncludeDeprecated: aws.Bool(true)})
			if err != nil {
				continue // deleted meanwhile
			}
			holders := map[string][]string{}
			for _, v := range vs.Versions {
				for _, l := range v.VersionStages {
					holders[l] = append(holders[l], aws.ToString(v.VersionId))
				}
			}
			if len(vs.Versions) > 0 && len(holders["AWSCURRENT"]) != 1 {
				out = append(out, fmt.Sprintf("%s %s: AWSCURRENT is on %d versions", r, aws.ToString(s.Name), len(holders["AWSCURRENT"])))
			}
			for l, on := range holders {
				if len(on) > 1 {
					slices.Sort(on)
					out = append(out, fmt.Sprintf("%s %s: %s is on %d versions (%s)", r, aws.ToString(s.Name), l, len(on), strings.Join(on, ", ")))
				}
			}
		}
	}
	return out
}
