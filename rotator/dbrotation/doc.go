// Package dbrotation rotates database credentials with the two schemes of AWS's rotation
// functions, for any Database:
//
//   - SingleUser: the user changes its own password. Between setSecret and finishSecret
//     clients holding the old password fail until they read the secret again.
//   - AlternatingUsers: a master secret's user keeps two users, <name> and <name>_clone,
//     and each rotation changes the one that is not current, so the current password keeps
//     working until the next rotation.
//
// The secret's value is the JSON object RDS and AWS's functions use: engine, host, port,
// username, password, dbname, and masterarn for alternating users; "ssl": true makes every
// connection use TLS with the server's certificate verified. Other fields are kept as they
// are.
package dbrotation
