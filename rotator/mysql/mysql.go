// Package mysql is MySQL and MariaDB for dbrotation, with go-sql-driver/mysql.
package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/secretsmith/secretsmith/rotator/dbrotation"
)

// DefaultPort is MySQL's port, for secrets without one.
const DefaultPort = 3306

// Database connects to MySQL or MariaDB. Users are the accounts 'name'@'%', as RDS and
// AWS's rotation functions make them.
type Database struct {
	dbrotation.Dialing
}

var _ dbrotation.Database = (*Database)(nil)

// MaxUsernameLength is MySQL's limit on user names since 5.7 (MariaDB allows 80).
func (d *Database) MaxUsernameLength() int { return 32 }

// Connect signs in with c, to c.DBName when given.
func (d *Database) Connect(ctx context.Context, c dbrotation.Credentials) (dbrotation.Conn, error) {
	cfg := mysql.NewConfig()
	port := DefaultPort
	if c.Port != 0 {
		port = c.Port
	}
	cfg.User, cfg.Passwd, cfg.DBName = c.Username, c.Password, c.DBName
	cfg.Net, cfg.Addr = "tcp", net.JoinHostPort(c.Host, strconv.Itoa(port))
	// Statements are interpolated by the driver: MySQL prepares no ALTER USER.
	cfg.InterpolateParams = true
	cfg.Timeout, cfg.TLS = d.Timeout(), d.TLS(c)
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return myConn{db: db, user: c.Username}, nil
}

type myConn struct {
	db   *sql.DB
	user string // the signed-in user
}

// SetPassword changes user's password. The signed-in user changes its own with the
// statement that needs no privilege: SET PASSWORD = PASSWORD(...) on MariaDB, ALTER USER
// CURRENT_USER() on MySQL (which has no PASSWORD function since 8.0).
func (m myConn) SetPassword(ctx context.Context, user, password string) error {
	if user == m.user {
		var version string
		if err := m.db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
			return err
		}
		stmt := "ALTER USER CURRENT_USER() IDENTIFIED BY ?"
		if strings.Contains(version, "MariaDB") {
			stmt = "SET PASSWORD = PASSWORD(?)"
		}
		_, err := m.db.ExecContext(ctx, stmt, password)
		return err
	}
	_, err := m.db.ExecContext(ctx, "ALTER USER ?@'%' IDENTIFIED BY ?", user, password)
	return err
}

func (m myConn) UserExists(ctx context.Context, user string) (bool, error) {
	var n int
	err := m.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = '%'", user).Scan(&n)
	return n > 0, err
}

// CreateUserLike creates user and gives it every grant of like, as AWS's multi-user
// function does.
func (m myConn) CreateUserLike(ctx context.Context, user, password, like string) error {
	rows, err := m.db.QueryContext(ctx, "SHOW GRANTS FOR ?@'%'", like)
	if err != nil {
		return err
	}
	var grants []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return err
		}
		// "GRANT <privileges> ON <object> TO `like`@`%` [IDENTIFIED BY PASSWORD '...']":
		// the part before TO, given to the new user.
		if i := strings.Index(g, " TO "); i > 0 {
			grants = append(grants, g[:i])
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := m.db.ExecContext(ctx, "CREATE USER ?@'%' IDENTIFIED BY ?", user, password); err != nil {
		return err
	}
	for _, g := range grants {
		if strings.Contains(g, "?") {
			return fmt.Errorf("cannot copy the grant %q: it contains a question mark", g)
		}
		if _, err := m.db.ExecContext(ctx, g+" TO ?@'%'", user); err != nil {
			return err
		}
	}
	return nil
}

func (m myConn) Ping(ctx context.Context) error {
	var now string
	return m.db.QueryRowContext(ctx, "SELECT NOW()").Scan(&now)
}

func (m myConn) Close(context.Context) error { return m.db.Close() }
