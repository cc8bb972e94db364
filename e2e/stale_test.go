package e2e

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// The state may be stale: rotations move labels between two refreshes, and a plan computed
// from the last refresh meets an AWS that no longer matches it. Each scenario deploys a
// templated secret with a Target and a rotation (whose first rotation runs during the up),
// refreshes, lets Secrets Manager rotate again (the state now knows neither that rotation
// nor its labels), then makes one kind of change and runs `pulumi up`, with and without
// --refresh. AWSCURRENT must end up holding the newest rotated password unless the change
// is a new value the program sets; every label stays on one version (settle checks that
// after every command); and a preview after plans nothing.
//
// Without --refresh, a change that replaces secretsmith's version (or deletes it) fails:
// the upstream resourceSecretVersionDelete removes the labels the state lists one by one,
// and fails on AWSPREVIOUS, which the state still lists and the second rotation moved away
// ("Version stage AWSPREVIOUS not found in version") - after it took secretsmith's labels
// off. The scenario pins that secretsmith warns of it beforehand (it sees that rotations
// moved both labels off its version), that this failure leaves AWSCURRENT alone, and that
// `pulumi up --refresh` then converges. With its labels gone, secretsmith cannot tell whose password
// AWSCURRENT holds, so it merges the program's fields into it and warns (kept.go): a new
// value the program sets in that same update is not written, and no older password is.
func TestStaleStateConverges(t *testing.T) {
	const explicitPassword = "explicit-password-not-a-secret"
	changes := []struct {
		name   string
		change func(sp *spec)
		want   func(t *testing.T, current, newest string) // checks AWSCURRENT against the newest rotated value
		// newValue: the change is a new value the program sets (not written after a failed
		// stale delete: see above)
		newValue bool
	}{
		{"explicit value", func(sp *spec) {
			sp.template, sp.explicit = "", `{"username":"app","password":"`+explicitPassword+`"}`
		}, func(t *testing.T, current, _ string) {
			if field(t, current, "password") != explicitPassword {
				t.Error("AWSCURRENT's password is not the program's new value")
			}
		}, true},
		{"generator options", func(sp *spec) { sp.length = 40 }, func(t *testing.T, current, newest string) {
			if pw := field(t, current, "password"); len(pw) != 40 || pw == field(t, newest, "password") {
				t.Errorf("AWSCURRENT's password has %d characters (the rotated one kept: %v); want a new one of 40", len(pw), pw == field(t, newest, "password"))
			}
		}, true},
		{"template field", func(sp *spec) { sp.template = `{"username":"app2"}` }, func(t *testing.T, current, newest string) {
			keptWith(t, current, newest, "username", "app2")
		}, false},
		{"target field", func(sp *spec) { sp.host = "b.db.internal" }, func(t *testing.T, current, newest string) {
			keptWith(t, current, newest, "host", "b.db.internal")
		}, false},
		{"schedule", func(sp *spec) { sp.every = 10 * 24 * time.Hour }, func(t *testing.T, current, newest string) {
			keptWith(t, current, newest, "username", "app")
		}, false},
		{"removal", func(sp *spec) { sp.gone = true }, nil, false},
	}
	for i, c := range changes {
		for _, refresh := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s refresh=%v", c.name, refresh), func(t *testing.T) {
				sp := &spec{name: fmt.Sprintf("e2e/stale-%d-%v", i, refresh), template: `{"username":"app"}`, host: "a.db.internal",
					rotateARN: rotationFunction(t, fmt.Sprintf("e2e-stale-%d-%v", i, refresh))}
				st := newScenario(t, sp)
				st.up()
				st.refresh()
				rotateNow(t, sp.name)
				st.addSecretsFrom(sp.name)
				c.change(sp)
				if sp.explicit != "" {
					st.secrets = append(st.secrets, sp.explicit, explicitPassword)
				}
				failed := false
				if refresh {
					st.upRefresh()
				} else if err := st.upErr(); err != nil {
					failed = true
					st.assertStaleLabelFailure(err, sp.name)
					if c.want != nil && !strings.Contains(st.out.String(), "run `pulumi up --refresh` then") {
						t.Error("the failed up gave no warning of what to do")
					}
					st.upRefresh()
				}
				if c.want == nil { // removed: the secret is deleted
					d, err := sm(region).DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: aws.String(sp.name)})
					var nf *smtypes.ResourceNotFoundException
					if !errors.As(err, &nf) && (err != nil || d.DeletedDate == nil) {
						t.Errorf("after the secret left the program: %v; want it deleted", err)
					}
					return
				}
				st.addSecretsFrom(sp.name)
				rot := st.rotationsOf(sp.name)
				if len(rot) < 2 {
					t.Fatalf("rotations: %+v; want the first and the one between the refresh and the up", rot)
				}
				newest := versionValue(t, sp.name, rot[len(rot)-1].Token)
				if failed && c.newValue {
					keptWith(t, valueAt(t, sp.name, "AWSCURRENT"), newest, "username", "app")
					if !strings.Contains(st.out.String(), "holds the SECRETSMITH label") {
						t.Error("no warning that the program's value was not written")
					}
				} else {
					c.want(t, valueAt(t, sp.name, "AWSCURRENT"), newest)
				}
				st.expectNoChanges(c.name)
				st.refresh() // a destroy from a stale state meets the same delete
				st.destroy()
			})
		}
	}
}

// assertStaleLabelFailure checks that err is the upstream delete meeting a label the state
// lists and AWS moved, and that AWSCURRENT is still on the newest rotation's version.
func (st *stack) assertStaleLabelFailure(err error, name string) {
	st.t.Helper()
	if !strings.Contains(err.Error(), "Version stage AWSPREVIOUS not found in version") {
		st.fail("up from a stale state", err)
	}
	rot := st.rotationsOf(name)
	if labels, _ := stages(st.t, name); len(rot) == 0 || labels["AWSCURRENT"] != rot[len(rot)-1].Token {
		st.t.Errorf("after the failed up: labels %v; want AWSCURRENT on the newest rotation's version", labels)
	}
}

// keptWith checks that current holds the newest rotated password with field set to want.
func keptWith(t *testing.T, current, newest, key, want string) {
	t.Helper()
	if field(t, current, "password") != field(t, newest, "password") {
		t.Error("AWSCURRENT's password is not the newest rotated one")
	}
	if got := field(t, current, key); got != want {
		t.Errorf("AWSCURRENT's %s is %q, want %q", key, got, want)
	}
}

// rotateNow has Secrets Manager rotate the secret with its configured function, as its
// schedule would, and waits for the rotation to end.
func rotateNow(t *testing.T, name string) {
	t.Helper()
	if _, err := sm(region).RotateSecret(context.Background(), &secretsmanager.RotateSecretInput{SecretId: aws.String(name)}); err != nil {
		t.Fatalf("rotating %s: %v", name, err)
	}
	rotations(t)
}
