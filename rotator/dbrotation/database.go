package dbrotation

import "context"

// Database is a database engine as rotation sees it. rotator/postgres and rotator/mysql
// implement it.
type Database interface {
	// Connect signs in with c. It fails when the server refuses c's password; the error
	// must not contain it.
	Connect(ctx context.Context, c Credentials) (Conn, error)
	// MaxUsernameLength is the longest user name the engine accepts.
	MaxUsernameLength() int
}

// Conn is a signed-in connection.
type Conn interface {
	// SetPassword changes user's password.
	SetPassword(ctx context.Context, user, password string) error
	// UserExists reports whether user exists.
	UserExists(ctx context.Context, user string) (bool, error)
	// CreateUserLike creates user with password and the privileges of like.
	CreateUserLike(ctx context.Context, user, password, like string) error
	// Ping runs a trivial query.
	Ping(ctx context.Context) error
	// Close ends the connection.
	Close(ctx context.Context) error
}
