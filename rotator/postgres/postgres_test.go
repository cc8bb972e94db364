package postgres

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/secretsmith/secretsmith/rotator/dbrotation"
	"github.com/secretsmith/secretsmith/rotator/internal/dbtest"
)

func engine(t *testing.T) dbtest.Engine {
	admin := dbtest.Admin(t, "SECRETSMITH_TEST_POSTGRES")
	roots := dbtest.Roots(t)
	return dbtest.Engine{
		Name:     "postgres",
		Database: func(roots *x509.CertPool) dbrotation.Database { return &Database{dbrotation.Dialing{RootCAs: roots}} },
		Admin:    admin,
		NewUser: func(t *testing.T, user, password string) {
			t.Helper()
			ctx := context.Background()
			conn, err := connect(ctx, admin, roots)
			if err != nil {
				t.Fatalf("the administrator cannot sign in: %v", err)
			}
			defer conn.Close(ctx)
			table := user + "_t"
			for _, q := range []struct {
				format string
				args   []string
			}{
				{"CREATE ROLE %I LOGIN PASSWORD %L", []string{user, password}},
				{"CREATE TABLE %I (n int)", []string{table}},
				{"INSERT INTO %I VALUES (1)", []string{table}},
				{"ALTER TABLE %I OWNER TO %I", []string{table, user}},
			} {
				if err := exec(ctx, conn, q.format, q.args...); err != nil {
					t.Fatalf("%s: %v", q.format, err)
				}
			}
		},
		Read: func(ctx context.Context, c dbrotation.Credentials, owner string) error {
			conn, err := connect(ctx, c, roots)
			if err != nil {
				return err
			}
			defer conn.Close(ctx)
			var n int
			return conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{owner + "_t"}.Sanitize()).Scan(&n)
		},
	}
}

// connect signs in with c to the postgres database, over TLS when c says so.
func connect(ctx context.Context, c dbrotation.Credentials, roots *x509.CertPool) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig("")
	if err != nil {
		return nil, err
	}
	cfg.Host, cfg.Port, cfg.User, cfg.Password, cfg.Database = c.Host, uint16(c.Port), c.Username, c.Password, "postgres"
	cfg.TLSConfig, cfg.Fallbacks = nil, nil
	if c.SSL {
		cfg.TLSConfig = &tls.Config{ServerName: c.Host, RootCAs: roots}
	}
	return pgx.ConnectConfig(ctx, cfg)
}

func TestSingleUser(t *testing.T)       { dbtest.SingleUser(t, engine(t)) }
func TestAlternatingUsers(t *testing.T) { dbtest.AlternatingUsers(t, engine(t)) }
func TestWrongMaster(t *testing.T)      { dbtest.WrongMaster(t, engine(t)) }
func TestRetries(t *testing.T)          { dbtest.Retries(t, engine(t)) }
func TestTLS(t *testing.T)              { dbtest.TLS(t, engine(t)) }
