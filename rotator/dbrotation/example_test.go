package dbrotation_test

import (
	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/rotator/dbrotation"
	"github.com/secretsmith/secretsmith/rotator/mysql"
	"github.com/secretsmith/secretsmith/rotator/postgres"
)

// The strategies of rotator/lambda: a PostgreSQL user changing its own password, and a
// MariaDB user alternating with its clone through the master secret.
func ExampleSingleUser() {
	var single rotator.Strategy = dbrotation.SingleUser(&postgres.Database{})
	var alternating rotator.Strategy = dbrotation.AlternatingUsers(&mysql.Database{})
	_, _ = single, alternating
}
