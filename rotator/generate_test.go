package rotator

import (
	"context"
	"testing"
)

func TestGenerateCreate(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		g          Generate
		current    string
		hasCurrent bool
		want       string
	}{
		{"bare", Generate{}, "old", true, "PW"},
		{"keeps other fields", Generate{Key: "token"}, `{"user":"a","token":"old"}`, true, `{"token":"PW","user":"a"}`},
		{"first value from the template", Generate{Template: `{"user":"a"}`, Key: "token"}, "", false, `{"token":"PW","user":"a"}`},
		{"first value without a template", Generate{Key: "token"}, "", false, `{"token":"PW"}`},
	} {
		got, err := tc.g.Create(ctx, tc.current, tc.hasCurrent, "PW")
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := (Generate{Key: "k"}).Create(ctx, "secret-material", true, "PW"); err == nil || err.Error() != "the AWSCURRENT value is not a JSON object (value withheld)" {
		t.Errorf("a current value that is not JSON: %v", err)
	}
	if _, err := (Generate{Template: "[", Key: "k"}).Create(ctx, "", false, "PW"); err == nil || err.Error() != "the template is not a JSON object (template withheld)" {
		t.Errorf("a template that is not JSON: %v", err)
	}
}

func TestNewPasswordsChecksOptions(t *testing.T) {
	_, err := NewPasswords(PasswordOptions{Length: 5000})
	if err == nil || err.Error() != "rotator: password options: PasswordLength must be between 1 and 4096, got 5000" {
		t.Errorf("got %v", err)
	}
	p, err := NewPasswords(PasswordOptions{Length: 12, ExcludePunctuation: true})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := p.New()
	b, _ := p.New()
	if len(a) != 12 || a == b {
		t.Errorf("two passwords of 12: lengths %d and %d, equal: %v", len(a), len(b), a == b)
	}
}
