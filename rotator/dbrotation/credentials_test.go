package dbrotation

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCredentials(t *testing.T) {
	c, err := ParseCredentials(`{"engine":"postgres","host":"db.internal","port":"5432","username":"app","password":"pw","dbname":"orders","masterarn":"arn:m","ssl":true,"extra":[1]}`)
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine != "postgres" || c.Host != "db.internal" || c.Port != 5432 || c.Username != "app" || c.Password != "pw" ||
		c.DBName != "orders" || c.MasterARN != "arn:m" || !c.SSL {
		t.Errorf("got %+v", c)
	}
	if c, err := ParseCredentials(`{"host":"h","port":3306,"username":"u","password":"p"}`); err != nil || c.Port != 3306 || c.SSL {
		t.Errorf("a numeric port: %+v, %v", c, err)
	}
}

func TestParseCredentialsProblems(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{`not json secret-material`, "the value is not a JSON object (value withheld)"},
		{`["secret-material"]`, "the value is not a JSON object (value withheld)"},
		{`{"password":"secret-material"}`, "the value has no \"host\" field\nthe value has no \"username\" field"},
		{`{"host":"h","username":"u","password":7,"port":"eighty","ssl":"yes"}`, "the value's \"password\" field is not a string\nthe value's \"port\" field is not a number\nthe value's \"ssl\" field is not true or false"},
		{`{"host":"h","username":"u","password":"secret-material","port":70000}`, "the value's \"port\" must be between 1 and 65535, got 70000"},
	} {
		_, err := ParseCredentials(tc.value)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got %v\nwant %s", tc.value, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret-material") {
			t.Errorf("the error quotes the value")
		}
	}
}

func TestWithKeepsOtherFields(t *testing.T) {
	c, err := ParseCredentials(`{"host":"h","username":"u","password":"old","dbname":"d","extra":{"a":1}}`)
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.with("u_clone", `new"pw\`)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"dbname":"d","extra":{"a":1},"host":"h","password":"new\"pw\\","username":"u_clone"}`
	if v != want {
		t.Errorf("got  %s\nwant %s", v, want)
	}
}

func TestWithheld(t *testing.T) {
	err := withheld(errFor("ALTER ROLE app WITH PASSWORD 'hunter2'"), `{"host":"h","username":"app","password":"hunter2"}`)
	if err.Error() != "ALTER ROLE app WITH PASSWORD '<withheld>'" {
		t.Errorf("got %q", err)
	}
}

type errFor string

func (e errFor) Error() string { return string(e) }

// marker stands for secret material in the fuzzed values: no error may contain it.
const marker = "SECRET-MARKER-7f3a"

// Any value either parses or fails without quoting it; a parsed value keeps every field
// through with, and the new user and password read back.
func FuzzCredentials(f *testing.F) {
	for _, s := range []string{
		`{"engine":"postgres","host":"h","port":5432,"username":"u","password":"SECRET-MARKER-7f3a","dbname":"d","masterarn":"arn:m","ssl":true}`,
		`{"host":"h","port":"3306","username":"u","password":"SECRET-MARKER-7f3a"}`,
		`{"host":"h","username":"u","password":"p\"\\\u0000é"}`,
		`{"host":"SECRET-MARKER-7f3a","port":"SECRET-MARKER-7f3a","password":7}`,
		`{"host":1}`, `[]`, `null`, `{`, ``, `SECRET-MARKER-7f3a`,
	} {
		f.Add(s, "u_clone", `n3w"p\w`)
	}
	f.Fuzz(func(t *testing.T, value, user, password string) {
		c, err := ParseCredentials(value)
		if err != nil {
			if strings.Contains(err.Error(), marker) {
				t.Fatalf("the error quotes the value: %v", err)
			}
			return
		}
		v, err := c.with(user, password)
		if err != nil {
			return // a user or password JSON cannot hold (invalid UTF-8 is replaced, not refused)
		}
		again, err := ParseCredentials(v)
		if err != nil {
			t.Fatalf("the rewritten value does not parse: %v", err)
		}
		if again.Host != c.Host || again.Port != c.Port || again.DBName != c.DBName || again.MasterARN != c.MasterARN || again.SSL != c.SSL {
			t.Fatalf("with changed other fields: %+v, was %+v", again, c)
		}
		if utf8.ValidString(user) && utf8.ValidString(password) && (again.Username != user || again.Password != password) {
			t.Fatalf("the new user or password did not read back")
		}
	})
}
