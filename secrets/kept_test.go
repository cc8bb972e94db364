package secrets

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

var testSeed = base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))

// A generated value's identity, made with the value, is what withoutFields makes of the
// value: the label a version records is the same either way, whatever the password's
// characters (quotes, backslashes, <, > and & escape in JSON).
func TestGeneratedIdentity(t *testing.T) {
	for _, template := range []string{`{"username":"app"}`, `{"a":1,"html":"<&>","z":{"b":[1, 2]}}`} {
		args := &SecretStringGenerator{SecretStringTemplate: template, GenerateStringKey: "password", PasswordLength: 64}
		g, errs := args.compile("G")
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var fields []string
		for k := range g.template {
			fields = append(fields, k)
		}
		m := &merged{fields: fields}
		for i := range 200 {
			seed := sha256.Sum256([]byte{byte(i)})
			v, id, err := g.generate(base64.StdEncoding.EncodeToString(seed[:]))
			if err != nil {
				t.Fatal(err)
			}
			want, err := m.withoutFields(v)
			if err != nil || id != want {
				t.Fatalf("template %s, seed %d: identity differs from the value's without its fields (values withheld), err %v", template, i, err)
			}
		}
	}
}

// The identity label is stable, keyed by the seed, blind to the fields, and says nothing of
// the value.
func TestIdentityLabel(t *testing.T) {
	m := &merged{fields: []string{"host", "username"}}
	id, label, err := m.identity(`{"host":"a","password":"pw-0123456789","username":"app"}`, testSeed)
	if err != nil {
		t.Fatal(err)
	}
	if id != `{"password":"pw-0123456789"}` {
		t.Errorf("identity without the fields: got another value")
	}
	if !strings.HasPrefix(label, "SECRETSMITH-") || len(label) != len("SECRETSMITH-")+16 || strings.Contains(label, "pw-0123456789") {
		t.Errorf("label %q: want SECRETSMITH- and 16 hex digits", label)
	}
	_, again, _ := m.identity(`{"host":"b","password":"pw-0123456789","username":"other"}`, testSeed)
	if again != label {
		t.Errorf("the label changed with the fields: %q, then %q", label, again)
	}
	_, other, _ := m.identity(`{"host":"a","password":"pw-9876543210","username":"app"}`, testSeed)
	otherSeed := base64.StdEncoding.EncodeToString([]byte("fedcba9876543210fedcba9876543210"))
	_, reseeded, _ := m.identity(`{"host":"a","password":"pw-0123456789","username":"app"}`, otherSeed)
	if other == label || reseeded == label {
		t.Error("the label did not change with the password or the seed")
	}
}

func TestKeptValue(t *testing.T) {
	m := &merged{fields: []string{"host", "username"}}
	program := `{"host":"b","password":"initial-pw","username":"app"}`
	id, label, err := m.identity(program, testSeed)
	if err != nil {
		t.Fatal(err)
	}
	_, otherLabel, _ := m.identity(`{"host":"b","password":"older-pw","username":"app"}`, testSeed)
	rotatedA := `{"host":"a","password":"rotated-pw","username":"app"}`
	cases := []struct {
		name    string
		stored  *stored
		current string
		want    string
	}{
		{"first write", nil, "", program},
		{"another identity", &stored{labels: []string{ManagedVersionStage, otherLabel}, value: `{"host":"b","password":"older-pw","username":"app"}`}, rotatedA, program},
		{"fields unchanged, rotated since: the stored bytes",
			&stored{labels: []string{ManagedVersionStage, label, "AWSPREVIOUS"}, value: `{"username": "app", "host": "b", "password": "initial-pw"}`},
			`{"host":"b","password":"rotated-pw","username":"app"}`, `{"username": "app", "host": "b", "password": "initial-pw"}`},
		{"a field changed after rotation: merged into the current value",
			&stored{labels: []string{ManagedVersionStage, label}, value: `{"host":"a","password":"initial-pw","username":"app"}`},
			rotatedA, `{"host":"b","password":"rotated-pw","username":"app"}`},
		{"a field changed after a merged write: merged again",
			&stored{labels: []string{ManagedVersionStage, label, "AWSCURRENT"}, value: rotatedA}, rotatedA,
			`{"host":"b","password":"rotated-pw","username":"app"}`},
		{"written before labels, same identity",
			&stored{labels: []string{ManagedVersionStage}, value: `{"host":"a","password":"initial-pw","username":"app"}`},
			rotatedA, `{"host":"b","password":"rotated-pw","username":"app"}`},
		{"written before labels, another identity",
			&stored{labels: []string{ManagedVersionStage}, value: `{"host":"a","password":"older-pw","username":"app"}`}, rotatedA, program},
		{"the current value is no JSON object",
			&stored{labels: []string{ManagedVersionStage, label}, value: `{"host":"a","password":"initial-pw","username":"app"}`}, "plain", program},
	}
	for _, c := range cases {
		got, err := m.keptValue(program, id, label, c.stored, c.current)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: got another value than wanted (values withheld)", c.name)
		}
	}
}

// Errors about a value never quote it.
func TestKeptValueErrorsWithholdTheValue(t *testing.T) {
	m := &merged{fields: []string{"host"}}
	_, _, err := m.identity("not-json-hunter2", testSeed)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("identity of a value that is no JSON object: %v", err)
	}
}

// FuzzKeptValue: deciding what to write never panics, and a merged value is a JSON object
// holding every field the program sets.
func FuzzKeptValue(f *testing.F) {
	f.Add(`{"host":"b","password":"p","username":"app"}`, `{"host":"a","password":"p","username":"app"}`, `{"host":"a","password":"r","username":"app"}`, true)
	f.Add(`{"host":"b","password":"p"}`, `not json`, `{}`, false)
	f.Add(`[1]`, `{"host":"a"}`, `null`, true)
	f.Fuzz(func(t *testing.T, program, held, current string, labelled bool) {
		m := &merged{fields: []string{"host", "username"}}
		id, label, err := m.identity(program, testSeed)
		if err != nil {
			return
		}
		labels := []string{ManagedVersionStage}
		if labelled {
			labels = append(labels, label)
		}
		got, err := m.keptValue(program, id, label, &stored{labels: labels, value: held}, current)
		if err != nil || got == program || got == held {
			return
		}
		obj, err := object(got)
		if err != nil {
			t.Fatalf("a merged value is not a JSON object")
		}
		want, _ := object(program)
		for _, k := range m.fields {
			if w, ok := want[k]; ok && !jsonEqual(obj[k], w) {
				t.Fatalf("the merged value lost the program's field %s", k)
			}
		}
	})
}
