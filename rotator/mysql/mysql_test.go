package mysql_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"net"
	"strconv"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/secretsmith/secretsmith/rotator/dbrotation"
	"github.com/secretsmith/secretsmith/rotator/internal/dbtest"
	rotatormysql "github.com/secretsmith/secretsmith/rotator/mysql"
)

func engine(t *testing.T) dbtest.Engine {
	admin := dbtest.Admin(t, "SECRETSMITH_TEST_MYSQL")
	roots := dbtest.Roots(t)
	return dbtest.Engine{
		Name: "mysql",
		Database: func(roots *x509.CertPool) dbrotation.Database {
			return &rotatormysql.Database{Dialing: dbrotation.Dialing{RootCAs: roots}}
		},
		Admin: admin,
		NewUser: func(t *testing.T, user, password string) {
			t.Helper()
			db := open(admin, roots)
			defer db.Close()
			for _, q := range []struct {
				stmt string
				args []any
			}{
				{"CREATE USER ?@'%' IDENTIFIED BY ?", []any{user, password}},
				{"CREATE DATABASE `" + user + "_db`", nil},
				{"CREATE TABLE `" + user + "_db`.t (n int)", nil},
				{"INSERT INTO `" + user + "_db`.t VALUES (1)", nil},
				{"GRANT SELECT ON `" + user + "_db`.* TO ?@'%'", []any{user}},
			} {
				if _, err := db.Exec(q.stmt, q.args...); err != nil {
					t.Fatalf("%s: %v", q.stmt, err)
				}
			}
		},
		Read: func(ctx context.Context, c dbrotation.Credentials, owner string) error {
			db := open(c, roots)
			defer db.Close()
			var n int
			return db.QueryRowContext(ctx, "SELECT COUNT(*) FROM `"+owner+"_db`.t").Scan(&n)
		},
	}
}

// open is a database/sql handle signed in with c, over TLS when c says so.
func open(c dbrotation.Credentials, roots *x509.CertPool) *sql.DB {
	cfg := mysql.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net = c.Username, c.Password, "tcp"
	cfg.Addr = net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	cfg.InterpolateParams = true
	if c.SSL {
		cfg.TLS = &tls.Config{ServerName: c.Host, RootCAs: roots}
	}
	connector, _ := mysql.NewConnector(cfg)
	return sql.OpenDB(connector)
}

func TestSingleUser(t *testing.T)       { dbtest.SingleUser(t, engine(t)) }
func TestAlternatingUsers(t *testing.T) { dbtest.AlternatingUsers(t, engine(t)) }
func TestWrongMaster(t *testing.T)      { dbtest.WrongMaster(t, engine(t)) }
func TestRetries(t *testing.T)          { dbtest.Retries(t, engine(t)) }
func TestTLS(t *testing.T)              { dbtest.TLS(t, engine(t)) }
