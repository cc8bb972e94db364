package e2e

import "testing"

// A templated secret deployed while Secrets Manager lags behind its writes (the first two
// reads after each write find nothing) and throttles every third call of its shared write
// quota: the stand-in provider waits and retries where the upstream does
// (resourceSecretCreate, resourceSecretVersionCreate and the SDK's retryer), and
// secretsmith's own deploy-time read comes after them, so the up succeeds and the stack is
// stable once the lag is over.
func TestFaultsLagAndThrottling(t *testing.T) {
	before := inventory(t)
	prefix := "e2e/faults/"
	sp := &spec{name: prefix + "app", template: `{"username":"app"}`, length: 24, denyRoot: true}
	st := newScenario(t, sp)
	stats := withFaults(t, faultSettings{Prefix: &prefix, NotFoundAfterWrite: 2, Throttle: 2})
	st.up()
	st.addSecretsFrom(sp.name)
	if s := stats(); s.NotFound == 0 || s.Throttled == 0 {
		t.Errorf("faults during the up: %+v; want reads not found and calls throttled", s)
	}
	// A read k reads after a write is a lag no real read sees once time has passed.
	stopFaults(t)
	if labels, n := stages(t, sp.name); n != 1 || labels["AWSCURRENT"] == "" || labels["SECRETSMITH"] != labels["AWSCURRENT"] {
		t.Errorf("after up: %d versions, labels %v; want one version with AWSCURRENT and SECRETSMITH", n, labels)
	}
	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}
