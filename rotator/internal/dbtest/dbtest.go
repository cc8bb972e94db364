// Package dbtest holds the rotation scenarios every database engine must pass, run by the
// engines' tests against the servers rotator/run starts.
package dbtest

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/rotator/dbrotation"
	"github.com/secretsmith/secretsmith/rotator/internal/rotatortest"
)

// Engine is what the scenarios need of an engine's test.
type Engine struct {
	// Name is the secret's engine field (postgres, mysql).
	Name string
	// Database is the engine, with the test CA as its RootCAs.
	Database func(roots *x509.CertPool) dbrotation.Database
	// Admin are the credentials of the server's administrator.
	Admin dbrotation.Credentials
	// NewUser creates a user with password that may read a table of its own, which Read
	// reads.
	NewUser func(t *testing.T, user, password string)
	// Read signs in with c and reads the table of the user NewUser made (its clone reads it
	// too).
	Read func(ctx context.Context, c dbrotation.Credentials, owner string) error
}

// Admin are the administrator's credentials at the address in env, as rotator/run made
// them.
func Admin(t *testing.T, env string) dbrotation.Credentials {
	t.Helper()
	addr := rotatortest.Env(t, env)
	host, port, _ := strings.Cut(addr, ":")
	c, err := dbrotation.ParseCredentials(value(map[string]any{
		"host": host, "port": port, "username": "admin",
		"password": rotatortest.Env(t, "SECRETSMITH_TEST_ADMIN_PASSWORD"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Roots is the test CA that signed both servers' certificates.
func Roots(t *testing.T) *x509.CertPool {
	t.Helper()
	pem, err := os.ReadFile(rotatortest.Env(t, "SECRETSMITH_TEST_CA"))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("SECRETSMITH_TEST_CA holds no certificate")
	}
	return pool
}

func value(fields map[string]any) string {
	b, _ := json.Marshal(fields)
	return string(b)
}

// user is a new user of e with its secret's value.
func (e Engine) user(t *testing.T, extra map[string]any) (string, dbrotation.Credentials) {
	t.Helper()
	name := strings.ReplaceAll(rotatortest.UniqueName(t), "-", "_")
	name = "u" + name[len(name)-8:]
	pw := newPassword(t)
	e.NewUser(t, name, pw)
	fields := map[string]any{"engine": e.Name, "host": e.Admin.Host, "port": e.Admin.Port, "username": name, "password": pw}
	for k, v := range extra {
		fields[k] = v
	}
	c, err := dbrotation.ParseCredentials(value(fields))
	if err != nil {
		t.Fatal(err)
	}
	return value(fields), c
}

// newPassword is a password with every punctuation character allowed: quoting is part of
// what the scenarios test.
func newPassword(t *testing.T) string {
	t.Helper()
	p, err := rotator.NewPasswords(rotator.PasswordOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pw, err := p.New()
	if err != nil {
		t.Fatal(err)
	}
	return pw
}

func (e Engine) rotator(t *testing.T, svc *rotatortest.Service, s rotator.Strategy) *rotator.Rotator {
	t.Helper()
	p, err := rotator.NewPasswords(rotator.PasswordOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &rotator.Rotator{Client: svc, Strategy: s, Passwords: p}
}

func creds(t *testing.T, v string) dbrotation.Credentials {
	t.Helper()
	c, err := dbrotation.ParseCredentials(v)
	if err != nil {
		t.Fatalf("a value of the secret: %v", err)
	}
	return c
}

// noPasswords fails when err's text holds a password of the values.
func noPasswords(t *testing.T, err error, values ...string) {
	t.Helper()
	if err == nil {
		return
	}
	for _, v := range values {
		if c, perr := dbrotation.ParseCredentials(v); perr == nil && strings.Contains(err.Error(), c.Password) {
			t.Errorf("an error holds a password: %s", strings.ReplaceAll(err.Error(), c.Password, "<the password>"))
		}
	}
}

// SingleUser rotates a user's own password three times: each time the new password works
// and the old one stops working.
func SingleUser(t *testing.T, e Engine) {
	ctx := context.Background()
	svc := rotatortest.NewService(t)
	initial, _ := e.user(t, nil)
	arn := svc.NewSecret(t, initial)
	r := e.rotator(t, svc, dbrotation.SingleUser(e.Database(nil)))
	for i := range 3 {
		if err := svc.Rotate(r, arn); err != nil {
			t.Fatalf("rotation %d: %v", i+1, err)
		}
		cur := creds(t, svc.Value(t, arn, rotator.Current))
		prev := creds(t, svc.Value(t, arn, rotator.Previous))
		if err := e.Read(ctx, cur, cur.Username); err != nil {
			t.Errorf("rotation %d: the current password does not work: %v", i+1, err)
		}
		if cur.Username != prev.Username || cur.Password == prev.Password {
			t.Errorf("rotation %d: want the same user %q with a new password, got user %q", i+1, prev.Username, cur.Username)
		}
		if conn, err := e.Database(nil).Connect(ctx, prev); err == nil {
			conn.Close(ctx)
			t.Errorf("rotation %d: the previous password still works", i+1)
		}
	}
}

// AlternatingUsers rotates between a user and its clone three times: the previous user's
// password keeps working until the rotation after, and the clone reads what the user reads.
func AlternatingUsers(t *testing.T, e Engine) {
	ctx := context.Background()
	svc := rotatortest.NewService(t)
	master := svc.NewSecret(t, value(map[string]any{"engine": e.Name, "host": e.Admin.Host, "port": e.Admin.Port, "username": e.Admin.Username, "password": e.Admin.Password}))
	initial, first := e.user(t, map[string]any{"masterarn": master})
	arn := svc.NewSecret(t, initial)
	r := e.rotator(t, svc, dbrotation.AlternatingUsers(e.Database(nil)))
	var older dbrotation.Credentials // the value before AWSPREVIOUS
	users := map[string]bool{}
	for i := range 3 {
		if err := svc.Rotate(r, arn); err != nil {
			t.Fatalf("rotation %d: %v", i+1, err)
		}
		cur := creds(t, svc.Value(t, arn, rotator.Current))
		prev := creds(t, svc.Value(t, arn, rotator.Previous))
		users[cur.Username] = true
		if cur.Username == prev.Username {
			t.Errorf("rotation %d: the user did not alternate (%q)", i+1, cur.Username)
		}
		if cur.MasterARN != master {
			t.Errorf("rotation %d: masterarn was not kept", i+1)
		}
		for what, c := range map[string]dbrotation.Credentials{"current": cur, "previous": prev} {
			if err := e.Read(ctx, c, first.Username); err != nil {
				t.Errorf("rotation %d: the %s user %q cannot read the table: %v", i+1, what, c.Username, err)
			}
		}
		if i > 0 {
			if conn, err := e.Database(nil).Connect(ctx, older); err == nil {
				conn.Close(ctx)
				t.Errorf("rotation %d: the password of two rotations ago still works", i+1)
			}
		}
		older = prev
	}
	if want := map[string]bool{first.Username: true, first.Username + "_clone": true}; len(users) != 2 || !users[first.Username] || !users[first.Username+"_clone"] {
		t.Errorf("the users were %v, want %v", users, want)
	}
}

// WrongMaster fails setSecret with a clear error when the master secret's password is
// wrong, and changes nothing.
func WrongMaster(t *testing.T, e Engine) {
	ctx := context.Background()
	svc := rotatortest.NewService(t)
	wrong := value(map[string]any{"engine": e.Name, "host": e.Admin.Host, "port": e.Admin.Port, "username": e.Admin.Username, "password": "not-" + e.Admin.Password})
	master := svc.NewSecret(t, wrong)
	initial, first := e.user(t, map[string]any{"masterarn": master})
	arn := svc.NewSecret(t, initial)
	before := svc.Stages(t, arn)
	err := svc.Rotate(rotatorFor(t, e, svc), arn)
	want := "rotator: setSecret of secret " + arn + ": unable to log into the database with the master secret " + master + ": "
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v\nwant an error starting %q", err, want)
	}
	noPasswords(t, err, wrong, initial, svc.Value(t, arn, rotator.Pending))
	if got := svc.Value(t, arn, rotator.Current); got != initial {
		t.Error("AWSCURRENT changed")
	}
	for id, stages := range before {
		if after := svc.Stages(t, arn)[id]; strings.Join(after, ",") != strings.Join(stages, ",") {
			t.Errorf("version %s's labels changed from %v to %v", id, stages, after)
		}
	}
	if err := e.Read(ctx, first, first.Username); err != nil {
		t.Errorf("the user's password no longer works: %v", err)
	}
	clone := first
	clone.Username += "_clone"
	clone.Password = creds(t, svc.Value(t, arn, rotator.Pending)).Password
	if conn, err := e.Database(nil).Connect(ctx, clone); err == nil {
		conn.Close(ctx)
		t.Error("the clone signs in: setSecret changed the database")
	}
}

func rotatorFor(t *testing.T, e Engine, svc *rotatortest.Service) *rotator.Rotator {
	return e.rotator(t, svc, dbrotation.AlternatingUsers(e.Database(nil)))
}

// Retries fails each step once after its work was done (or, for testSecret, before) and
// retries it: the rotation ends as if nothing had failed.
func Retries(t *testing.T, e Engine) {
	ctx := context.Background()
	svc := rotatortest.NewService(t)
	initial, _ := e.user(t, nil)
	arn := svc.NewSecret(t, initial)
	db := &faulty{Database: e.Database(nil)}
	r := e.rotator(t, svc, dbrotation.SingleUser(db))
	token := svc.Start(arn)
	step := func(s rotator.Step) error {
		return r.Handle(ctx, rotator.Event{Step: s, SecretID: arn, ClientRequestToken: token})
	}
	svc.LoseResponse("PutSecretValue")
	if err := step(rotator.CreateSecret); !errors.Is(err, rotatortest.ErrLost) {
		t.Fatalf("createSecret: got %v, want the lost response", err)
	}
	pending := svc.Value(t, arn, rotator.Pending)
	db.Add("set")
	if err := step(rotator.CreateSecret); err != nil {
		t.Fatalf("createSecret again: %v", err)
	}
	if err := step(rotator.SetSecret); err == nil || !strings.Contains(err.Error(), errLostSet.Error()) {
		t.Fatalf("setSecret: got %v, want the lost response", err)
	}
	noPasswords(t, step(rotator.SetSecret), initial, pending)
	db.Add("connect")
	if err := step(rotator.TestSecret); err == nil {
		t.Fatal("testSecret with the database unreachable succeeded")
	} else {
		noPasswords(t, err, initial, pending)
	}
	if err := step(rotator.TestSecret); err != nil {
		t.Fatalf("testSecret again: %v", err)
	}
	svc.LoseResponse("UpdateSecretVersionStage")
	if err := step(rotator.FinishSecret); !errors.Is(err, rotatortest.ErrLost) {
		t.Fatalf("finishSecret: got %v, want the lost response", err)
	}
	if err := step(rotator.FinishSecret); err != nil {
		t.Fatalf("finishSecret again: %v", err)
	}
	cur := svc.Value(t, arn, rotator.Current)
	if cur != pending {
		t.Fatal("AWSCURRENT is not the value createSecret wrote first")
	}
	if err := e.Read(ctx, creds(t, cur), creds(t, cur).Username); err != nil {
		t.Errorf("the rotated password does not work: %v", err)
	}
	// The next rotation starts from a consistent state.
	if err := svc.Rotate(r, arn); err != nil {
		t.Fatalf("the next rotation: %v", err)
	}
}

// TLS rotates a secret that says "ssl": true: the server's certificate is verified, so a
// function without the CA that signed it fails.
func TLS(t *testing.T, e Engine) {
	ctx := context.Background()
	svc := rotatortest.NewService(t)
	initial, first := e.user(t, map[string]any{"ssl": true})
	arn := svc.NewSecret(t, initial)
	err := svc.Rotate(e.rotator(t, svc, dbrotation.SingleUser(e.Database(nil))), arn)
	var unknown x509.UnknownAuthorityError
	if err == nil || !(errors.As(err, &unknown) || strings.Contains(err.Error(), "certificate signed by unknown authority")) {
		t.Fatalf("without the test CA: got %v, want an unknown authority", err)
	}
	if err := svc.Rotate(e.rotator(t, svc, dbrotation.SingleUser(e.Database(Roots(t)))), arn); err != nil {
		t.Fatalf("with the test CA: %v", err)
	}
	cur := creds(t, svc.Value(t, arn, rotator.Current))
	if !cur.SSL || cur.Password == first.Password {
		t.Error("the value lost ssl or was not rotated")
	}
	conn, err := e.Database(Roots(t)).Connect(ctx, cur)
	if err != nil {
		t.Fatalf("signing in over TLS: %v", err)
	}
	conn.Close(ctx)
}

// faulty is a Database whose next Connect or SetPassword fails, SetPassword after it ran.
type faulty struct {
	dbrotation.Database
	rotatortest.Faults
}

var (
	errLostSet     = errors.New("dbtest: the connection dropped after the password changed")
	errUnreachable = errors.New("dbtest: the database is unreachable")
)

func (f *faulty) Connect(ctx context.Context, c dbrotation.Credentials) (dbrotation.Conn, error) {
	if f.Take("connect") {
		return nil, errUnreachable
	}
	conn, err := f.Database.Connect(ctx, c)
	if err != nil {
		return nil, err
	}
	return faultyConn{conn, f}, nil
}

type faultyConn struct {
	dbrotation.Conn
	f *faulty
}

func (c faultyConn) SetPassword(ctx context.Context, user, password string) error {
	if err := c.Conn.SetPassword(ctx, user, password); err != nil {
		return err
	}
	if c.f.Take("set") {
		return errLostSet
	}
	return nil
}
