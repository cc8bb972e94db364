package dbrotation

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/rotator"
)

// cloneSuffix marks the second user of AlternatingUsers, as in AWS's functions.
const cloneSuffix = "_clone"

// SingleUser rotates a user that changes its own password.
func SingleUser(db Database) rotator.Strategy { return single{db} }

// AlternatingUsers rotates between a user and its clone with the master secret named by
// the value's masterarn field.
func AlternatingUsers(db Database) rotator.Strategy { return alternating{db} }

type single struct{ db Database }

type alternating struct{ db Database }

func (s single) Create(_ context.Context, current string, hasCurrent bool, password string) (string, error) {
	cur, err := parseCurrent(current, hasCurrent)
	if err != nil {
		return "", err
	}
	return cur.with(cur.Username, password)
}

func (a alternating) Create(_ context.Context, current string, hasCurrent bool, password string) (string, error) {
	cur, err := parseCurrent(current, hasCurrent)
	if err != nil {
		return "", err
	}
	if cur.MasterARN == "" {
		return "", errors.New(`the AWSCURRENT value has no "masterarn" field: alternating users need the master secret's ARN`)
	}
	user := cur.Username + cloneSuffix
	if base, ok := strings.CutSuffix(cur.Username, cloneSuffix); ok {
		user = base
	}
	if max := a.db.MaxUsernameLength(); len(user) > max {
		return "", fmt.Errorf("user name %q is longer than the %d characters the database allows: shorten %q", user, max, cur.Username)
	}
	return cur.with(user, password)
}

func parseCurrent(current string, hasCurrent bool) (Credentials, error) {
	if !hasCurrent {
		return Credentials{}, errors.New("the secret has no AWSCURRENT value: a database secret starts with the credentials the database has")
	}
	c, err := ParseCredentials(current)
	if err != nil {
		return c, fmt.Errorf("the AWSCURRENT value: %w", err)
	}
	return c, nil
}

// Set changes the user's password, signed in as the user with the current password, or
// the previous one when a failed rotation already changed it.
func (s single) Set(ctx context.Context, v rotator.Versions) error {
	pend, done, err := alreadySet(ctx, s.db, v.Pending)
	if err != nil || done {
		return err
	}
	cur, err := ParseCredentials(v.Current)
	if err != nil {
		return fmt.Errorf("the AWSCURRENT value: %w", err)
	}
	if cur.Username != pend.Username {
		return fmt.Errorf("attempting to modify user %q other than current user %q", pend.Username, cur.Username)
	}
	if cur.Host != pend.Host {
		return fmt.Errorf("attempting to modify user for host %q other than current host %q", pend.Host, cur.Host)
	}
	conn, err := s.db.Connect(ctx, cur)
	if err != nil && v.Previous != "" {
		prev, perr := ParseCredentials(v.Previous)
		if perr == nil && prev.Username == pend.Username && prev.Host == pend.Host {
			conn, err = s.db.Connect(ctx, prev)
		}
	}
	if err != nil {
		return fmt.Errorf("unable to log into the database with the previous, current or pending secret: %w", withheld(err, v.Pending, v.Current, v.Previous))
	}
	defer conn.Close(ctx)
	if err := conn.SetPassword(ctx, pend.Username, pend.Password); err != nil {
		return fmt.Errorf("changing the password of user %q: %w", pend.Username, withheld(err, v.Pending, v.Current, v.Previous))
	}
	return nil
}

// Set creates or changes the pending user with the master secret's credentials.
func (a alternating) Set(ctx context.Context, v rotator.Versions) error {
	pend, done, err := alreadySet(ctx, a.db, v.Pending)
	if err != nil || done {
		return err
	}
	cur, err := ParseCredentials(v.Current)
	if err != nil {
		return fmt.Errorf("the AWSCURRENT value: %w", err)
	}
	if cur.MasterARN == "" {
		return errors.New(`the AWSCURRENT value has no "masterarn" field: alternating users need the master secret's ARN`)
	}
	masterValue, err := v.Read(ctx, cur.MasterARN)
	if err != nil {
		return fmt.Errorf("reading the master secret: %w", err)
	}
	master, err := ParseCredentials(masterValue)
	if err != nil {
		return fmt.Errorf("the master secret %s: %w", cur.MasterARN, err)
	}
	if master.Host != pend.Host {
		return fmt.Errorf("the master secret %s is for host %q, not %q", cur.MasterARN, master.Host, pend.Host)
	}
	hide := []string{v.Pending, v.Current, v.Previous, masterValue}
	conn, err := a.db.Connect(ctx, master)
	if err != nil {
		return fmt.Errorf("unable to log into the database with the master secret %s: %w", cur.MasterARN, withheld(err, hide...))
	}
	defer conn.Close(ctx)
	exists, err := conn.UserExists(ctx, pend.Username)
	if err != nil {
		return fmt.Errorf("looking up user %q: %w", pend.Username, withheld(err, hide...))
	}
	if exists {
		err = conn.SetPassword(ctx, pend.Username, pend.Password)
	} else {
		err = conn.CreateUserLike(ctx, pend.Username, pend.Password, cur.Username)
	}
	if err != nil {
		return fmt.Errorf("setting the password of user %q: %w", pend.Username, withheld(err, hide...))
	}
	return nil
}

// alreadySet parses the pending value and reports whether the database already accepts it
// (a retried setSecret).
func alreadySet(ctx context.Context, db Database, pending string) (Credentials, bool, error) {
	pend, err := ParseCredentials(pending)
	if err != nil {
		return pend, false, fmt.Errorf("the AWSPENDING value: %w", err)
	}
	if conn, err := db.Connect(ctx, pend); err == nil {
		conn.Close(ctx)
		return pend, true, nil
	}
	return pend, false, nil
}

func (s single) Test(ctx context.Context, pending string) error { return test(ctx, s.db, pending) }

func (a alternating) Test(ctx context.Context, pending string) error { return test(ctx, a.db, pending) }

// test signs in with the pending value and runs a query.
func test(ctx context.Context, db Database, pending string) error {
	pend, err := ParseCredentials(pending)
	if err != nil {
		return fmt.Errorf("the AWSPENDING value: %w", err)
	}
	conn, err := db.Connect(ctx, pend)
	if err != nil {
		return fmt.Errorf("unable to log into the database with the pending secret: %w", withheld(err, pending))
	}
	defer conn.Close(ctx)
	if err := conn.Ping(ctx); err != nil {
		return fmt.Errorf("querying the database with the pending secret: %w", withheld(err, pending))
	}
	return nil
}

// withheld is err with every password of the values removed from its text: a driver's
// error may quote a statement.
func withheld(err error, values ...string) error {
	msg := err.Error()
	for _, v := range values {
		c, perr := ParseCredentials(v)
		if perr == nil && c.Password != "" {
			msg = strings.ReplaceAll(msg, c.Password, "<withheld>")
		}
	}
	return errors.New(msg)
}
