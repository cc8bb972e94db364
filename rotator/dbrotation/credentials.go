package dbrotation

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Credentials are the fields of a database secret's value that rotation uses.
type Credentials struct {
	// Engine is the database engine (postgres, mysql, mariadb...).
	Engine string
	// Host is the database's host name or address.
	Host string
	// Port is the database's port; 0 when the secret has none (the driver's default).
	Port int
	// Username is the user the secret is for.
	Username string
	// Password is its password.
	Password string
	// DBName is the database to connect to; empty for the driver's default.
	DBName string
	// MasterARN is the ARN of the master secret that changes this user's password
	// (alternating users).
	MasterARN string
	// SSL makes connections use TLS and verify the server's certificate.
	SSL bool

	fields map[string]json.RawMessage
}

// ParseCredentials reads a database secret's value. Its errors never quote the value.
func ParseCredentials(value string) (Credentials, error) {
	var c Credentials
	if err := json.Unmarshal([]byte(value), &c.fields); err != nil || c.fields == nil {
		return c, errors.New("the value is not a JSON object (value withheld)")
	}
	var errs []error
	for _, f := range []struct {
		key      string
		to       *string
		required bool
	}{
		{"engine", &c.Engine, false}, {"host", &c.Host, true}, {"username", &c.Username, true},
		{"password", &c.Password, true}, {"dbname", &c.DBName, false}, {"masterarn", &c.MasterARN, false},
	} {
		raw, ok := c.fields[f.key]
		if !ok {
			if f.required {
				errs = append(errs, fmt.Errorf("the value has no %q field", f.key))
			}
			continue
		}
		if err := json.Unmarshal(raw, f.to); err != nil {
			errs = append(errs, fmt.Errorf("the value's %q field is not a string", f.key))
		}
	}
	if raw, ok := c.fields["port"]; ok {
		var s string
		if json.Unmarshal(raw, &c.Port) != nil {
			if json.Unmarshal(raw, &s) != nil {
				errs = append(errs, errors.New(`the value's "port" field is not a number`))
			} else if p, err := strconv.Atoi(s); err != nil {
				errs = append(errs, errors.New(`the value's "port" field is not a number`))
			} else {
				c.Port = p
			}
		}
	}
	if raw, ok := c.fields["ssl"]; ok && json.Unmarshal(raw, &c.SSL) != nil {
		errs = append(errs, errors.New(`the value's "ssl" field is not true or false`))
	}
	if c.Port < 0 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf(`the value's "port" must be between 1 and 65535, got %d`, c.Port))
	}
	return c, errors.Join(errs...)
}

// with returns c's value with username and password replaced, every other field kept.
func (c Credentials) with(username, password string) (string, error) {
	obj := make(map[string]json.RawMessage, len(c.fields))
	for k, v := range c.fields {
		obj[k] = v
	}
	for k, v := range map[string]string{"username": username, "password": password} {
		b, err := json.Marshal(v)
		if err != nil {
			return "", errors.New("the new value could not be written (details withheld)")
		}
		obj[k] = b
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return "", errors.New("the new value could not be written (details withheld)")
	}
	return string(b), nil
}
