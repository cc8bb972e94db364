package grants

import "github.com/secretsmith/secretsmith/internal/grantshook"

// init lends secrets and rotation what they need of this package without exporting it.
func init() {
	grantshook.Lend(func(s []Statement) grantshook.ResourcePolicy { return statements(s) },
		checkedDocument, Scope.check, Grantee.needsResourcePolicy)
}
