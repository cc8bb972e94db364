package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// heldBy runs a program with the secret "prod/db" templated as {"username":"app2"}
// against AWS holding versions.
func heldBy(t *testing.T, versions ...pulumitest.Version) (*pulumitest.Mock, error) {
	t.Helper()
	m := pulumitest.New()
	m.Versions = map[string][]pulumitest.Version{"prod/db": versions}
	err := m.Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName: pulumi.String("prod/db"),
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app2"}`, GenerateStringKey: "password",
			},
		})
		return err
	})
	return m, err
}

// With no version labelled SECRETSMITH but a current one (a delete that failed halfway
// took the labels off), the template's fields are merged into AWSCURRENT, keeping its
// password, with a warning: writing the program's value could put an older password back.
func TestMergeWithoutOurLabel(t *testing.T) {
	t.Parallel()
	m, err := heldBy(t, pulumitest.Version{ID: "v-rotated", Stages: []string{"AWSCURRENT"}, Value: `{"password":"rotated-not-a-secret","username":"app"}`})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := secretInput(t, m.MustFind(t, versionType, "db-version"), "secretString"), `{"password":"rotated-not-a-secret","username":"app2"}`; got != want {
		t.Errorf("secretString = %q; want %q", got, want)
	}
	if w := strings.Join(m.Warnings(), "\n"); !strings.Contains(w, "holds the SECRETSMITH label") || strings.Contains(w, "rotated-not-a-secret") {
		t.Errorf("warnings %q; want one that the label is gone, without the value", w)
	}
}

// While a rotation is in progress (AWSPENDING on a version of its own), fields are not
// merged: the program fails, naming the version, before anything is written.
func TestMergeRefusedDuringRotation(t *testing.T) {
	t.Parallel()
	_, err := heldBy(t,
		pulumitest.Version{ID: "v-current", Stages: []string{"AWSCURRENT"}, Value: `{"password":"current-not-a-secret","username":"app"}`},
		pulumitest.Version{ID: "v-pending", Stages: []string{"AWSPENDING"}, Value: `{"password":"pending-not-a-secret","username":"app"}`})
	if err == nil || !strings.Contains(err.Error(), "is in progress (AWSPENDING is on version v-pending)") || strings.Contains(err.Error(), "not-a-secret") {
		t.Errorf("program error %v; want the rotation in progress named, without a value", err)
	}
}
