package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/rotator"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestFromEnv(t *testing.T) {
	ctx := context.Background()
	t.Setenv("AWS_REGION", "us-east-1")
	for _, s := range []string{"postgres-single-user", "postgres-alternating-users", "mysql-single-user", "mysql-alternating-users", "generate"} {
		r, err := fromEnv(ctx, env(map[string]string{"SECRETSMITH_STRATEGY": s, "SECRETSMITH_PASSWORD": `{"Length":40,"ExcludeCharacters":"/"}`}))
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		pw, _ := r.Passwords.New()
		if len(pw) != 40 || strings.Contains(pw, "/") {
			t.Errorf("%s: the password options were not applied", s)
		}
	}
	r, err := fromEnv(ctx, env(map[string]string{"SECRETSMITH_STRATEGY": "generate", "SECRETSMITH_TEMPLATE": `{"u":"a"}`, "SECRETSMITH_KEY": "k"}))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := r.Strategy.(rotator.Generate); !ok || g.Template != `{"u":"a"}` || g.Key != "k" {
		t.Errorf("generate: got %#v", r.Strategy)
	}
}

func TestFromEnvProblems(t *testing.T) {
	ctx := context.Background()
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bundle, []byte("no certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{}, "SECRETSMITH_STRATEGY is required"},
		{map[string]string{"SECRETSMITH_STRATEGY": "oracle"}, `SECRETSMITH_STRATEGY "oracle" is not one of postgres-single-user, postgres-alternating-users, mysql-single-user, mysql-alternating-users and generate`},
		{map[string]string{"SECRETSMITH_STRATEGY": "generate", "SECRETSMITH_PASSWORD": `{"Length":0,"ExcludeNumbers":true,"ExcludeUppercase":true,"ExcludeLowercase":true,"ExcludePunctuation":true}`}, "SECRETSMITH_PASSWORD: rotator: password options: ExcludeCharacters and the Exclude options leave no character to choose from: include at least one character class"},
		{map[string]string{"SECRETSMITH_STRATEGY": "generate", "SECRETSMITH_PASSWORD": `{`}, "SECRETSMITH_PASSWORD is not rotator.PasswordOptions as JSON: unexpected end of JSON input"},
		{map[string]string{"SECRETSMITH_STRATEGY": "generate", "SECRETSMITH_CA_BUNDLE": bundle}, "SECRETSMITH_CA_BUNDLE: " + bundle + " holds no PEM certificate"},
	} {
		_, err := fromEnv(ctx, env(tc.vars))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v:\n got %v\nwant %s", tc.vars, err, tc.want)
		}
	}
}
