// Package postgres is PostgreSQL for dbrotation, with pgx.
package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/secretsmith/secretsmith/rotator/dbrotation"
)

// DefaultPort is PostgreSQL's port, for secrets without one.
const DefaultPort = 5432

// Database connects to PostgreSQL.
type Database struct {
	dbrotation.Dialing
}

var _ dbrotation.Database = (*Database)(nil)

// MaxUsernameLength is PostgreSQL's limit on identifiers (NAMEDATALEN - 1).
func (d *Database) MaxUsernameLength() int { return 63 }

// Connect signs in with c, to c.DBName or else the postgres database.
func (d *Database) Connect(ctx context.Context, c dbrotation.Credentials) (dbrotation.Conn, error) {
	cfg, err := pgx.ParseConfig("")
	if err != nil {
		return nil, err
	}
	cfg.Host, cfg.User, cfg.Password, cfg.Database = c.Host, c.Username, c.Password, c.DBName
	cfg.Port = uint16(DefaultPort)
	if c.Port != 0 {
		cfg.Port = uint16(c.Port)
	}
	if cfg.Database == "" {
		cfg.Database = "postgres"
	}
	cfg.ConnectTimeout = d.Timeout()
	cfg.TLSConfig, cfg.Fallbacks = d.TLS(c), nil
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return pgConn{conn}, nil
}

type pgConn struct{ c *pgx.Conn }

// querier is a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// SetPassword runs ALTER ROLE ... WITH PASSWORD.
func (p pgConn) SetPassword(ctx context.Context, user, password string) error {
	return exec(ctx, p.c, "ALTER ROLE %I WITH PASSWORD %L", user, password)
}

func (p pgConn) UserExists(ctx context.Context, user string) (bool, error) {
	var n int
	err := p.c.QueryRow(ctx, "SELECT count(*) FROM pg_roles WHERE rolname = $1", user).Scan(&n)
	return n > 0, err
}

// CreateUserLike creates user as a member of like, as AWS's multi-user function does, so it
// has like's privileges.
func (p pgConn) CreateUserLike(ctx context.Context, user, password, like string) error {
	tx, err := p.c.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := exec(ctx, tx, "CREATE ROLE %I WITH LOGIN PASSWORD %L", user, password); err != nil {
		return err
	}
	if err := exec(ctx, tx, "GRANT %I TO %I", like, user); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// exec runs the statement the server's format() makes of format and args: DDL takes no bind
// parameters, and format's %I and %L quote identifiers and literals as the server reads them.
func exec(ctx context.Context, q querier, format string, args ...string) error {
	params := []any{format}
	for _, a := range args {
		params = append(params, a)
	}
	var placeholders string
	for i := range args {
		placeholders += fmt.Sprintf(", $%d::text", i+2)
	}
	var stmt string
	if err := q.QueryRow(ctx, "SELECT format($1::text"+placeholders+")", params...).Scan(&stmt); err != nil {
		return err
	}
	_, err := q.Exec(ctx, stmt)
	return err
}

func (p pgConn) Ping(ctx context.Context) error {
	var now time.Time
	return p.c.QueryRow(ctx, "SELECT now()").Scan(&now)
}

func (p pgConn) Close(ctx context.Context) error { return p.c.Close(ctx) }
