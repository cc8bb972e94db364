package e2e

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// setSpec is what a SecretSet scenario's program declares: templated secrets named
// e2e/set/<key>, each with its username.
type setSpec map[string]string

func (sp setSpec) program(ctx *pulumi.Context) error {
	declared := map[string]*secrets.SecretArgs{}
	for k, user := range sp {
		declared[k] = &secrets.SecretArgs{
			SecretName: pulumi.String("e2e/set/" + k), RecoveryWindowInDays: pulumi.IntRef(0),
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"` + user + `"}`, GenerateStringKey: "password", ExcludeCharacters: `"\/@`,
			},
		}
	}
	_, err := secrets.NewSecretSet(ctx, "set", &secrets.SecretSetArgs{Secrets: declared})
	return err
}

// A SecretSet's secrets live as a Secret does through the real engine: stable once
// deployed, a secret joining the set leaves the others' values alone, and a template field
// changed after a rotation keeps the rotated password.
func TestSecretSetLifecycle(t *testing.T) {
	sp := setSpec{"a": "app-a", "b": "app-b"}
	st := inlineStack(t, sp.program, nil)
	st.up()
	st.addSecretsFrom("e2e/set/a", "e2e/set/b")
	st.assertStable()
	before := map[string]string{"a": valueAt(t, "e2e/set/a", "AWSCURRENT"), "b": valueAt(t, "e2e/set/b", "AWSCURRENT")}
	if field(t, before["a"], "password") == field(t, before["b"], "password") {
		t.Error("two secrets of the set have the same password")
	}

	sp["c"] = "app-c"
	res := st.up()
	for op, n := range *res.Summary.ResourceChanges {
		switch {
		case op == string(apitype.OpCreate) && n != 2:
			t.Errorf("c joining the set created %d resources, want its secret and its version", n)
		case op != string(apitype.OpCreate) && op != string(apitype.OpSame) && n > 0:
			t.Errorf("c joining the set: %d resources %s, want none", n, op)
		}
	}
	st.addSecretsFrom("e2e/set/c")
	for k, v := range before {
		if valueAt(t, "e2e/set/"+k, "AWSCURRENT") != v {
			t.Errorf("%s's value changed when c joined the set", k)
		}
	}

	rotated := st.rotate("e2e/set/a")
	sp["a"] = "app-a2"
	st.up()
	got := valueAt(t, "e2e/set/a", "AWSCURRENT")
	if field(t, got, "username") != "app-a2" || field(t, got, "password") != field(t, rotated, "password") {
		t.Errorf("a's AWSCURRENT has username %q and the rotated password %v; want app-a2 and true",
			field(t, got, "username"), field(t, got, "password") == field(t, rotated, "password"))
	}
	if valueAt(t, "e2e/set/b", "AWSCURRENT") != before["b"] {
		t.Error("b's value changed with a's template")
	}
	st.assertStable()
	st.destroy()
}
