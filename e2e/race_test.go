package e2e

import (
	"strings"
	"testing"
)

// A rotation that finishes while `pulumi up` merges a changed field into AWSCURRENT: the
// emulator rotates the secret right after the deploy-time read of AWSCURRENT and before the
// provider writes the merged value, which then holds the password before that rotation.
// The up fails, saying which version holds which password; nothing is lost; and the steps
// the message gives, followed as written, end with AWSCURRENT holding the rotated password
// and the new field.
func TestRotationBetweenReadAndWrite(t *testing.T) {
	sp := &spec{name: "e2e/race", template: `{"username":"app"}`, host: "a.db.internal"}
	sp.rotateARN = rotationFunction(t, "e2e-race")
	st := newScenario(t, sp)
	st.up()
	st.addSecretsFrom(sp.name)
	sp.host = "b.db.internal"
	withFaults(t, faultSettings{RotateAfterRead: &sp.name})
	err := st.upErr()
	stopFaults(t)
	st.addSecretsFrom(sp.name)
	if err == nil || !strings.Contains(err.Error(), "finished while this update merged") {
		t.Fatalf("up with a rotation between the read and the write: %v; want the rotation reported", err)
	}
	rot := st.rotationsOf(sp.name)
	if len(rot) != 2 || rot[1].Status != "succeeded" {
		t.Fatalf("rotations: %+v; want the first and the injected one", rot)
	}
	rotated := versionValue(t, sp.name, rot[1].Token)
	labels, _ := stages(t, sp.name)
	if labels["AWSPREVIOUS"] != rot[1].Token {
		t.Errorf("labels %v; want the rotated version %s AWSPREVIOUS", labels, rot[1].Token)
	}
	ours := labels["AWSCURRENT"]
	for _, step := range [][3]string{{"AWSCURRENT", ours, rot[1].Token}, {"SECRETSMITH", ours, ""}} {
		if err := moveLabel(sp.name, step[0], step[1], step[2]); err != nil {
			t.Fatalf("following the message, moving %s: %v", step[0], err)
		}
	}
	if !strings.Contains(err.Error(), "--move-to-version-id "+rot[1].Token+" --remove-from-version-id "+ours) {
		t.Errorf("the message does not give the move just made")
	}
	st.upRefresh()
	keptWith(t, valueAt(t, sp.name, "AWSCURRENT"), rotated, "host", "b.db.internal")
	st.expectNoChanges("the repair")
	st.refresh()
	st.destroy()
}

// A field changed while a rotation is in progress (AWSPENDING on a version of its own) is
// not merged: the up fails before it writes anything, and succeeds once the rotation is
// over (here, a failed one whose AWSPENDING is taken off as the message says).
func TestChangeDuringRotation(t *testing.T) {
	sp := &spec{name: "e2e/during-rotation", template: `{"username":"app"}`, host: "a.db.internal"}
	st := newScenario(t, sp)
	st.up()
	st.addSecretsFrom(sp.name)
	before := valueAt(t, sp.name, "AWSCURRENT")
	pending := put(t, sp.name, `{"username":"app","password":"pending-not-a-secret"}`, "AWSPENDING")
	st.secrets = append(st.secrets, "pending-not-a-secret")
	sp.host = "b.db.internal"
	err := st.upErr()
	if err == nil || !strings.Contains(err.Error(), "is in progress (AWSPENDING is on version "+pending+")") {
		t.Fatalf("up during a rotation: %v; want it refused", err)
	}
	if valueAt(t, sp.name, "AWSCURRENT") != before {
		t.Error("the refused up changed AWSCURRENT")
	}
	if err := moveLabel(sp.name, "AWSPENDING", pending, ""); err != nil {
		t.Fatal(err)
	}
	st.up()
	if got := valueAt(t, sp.name, "AWSCURRENT"); field(t, got, "host") != "b.db.internal" || field(t, got, "password") != field(t, before, "password") {
		t.Error("after the rotation ended, the new host is not merged into the current value")
	}
	st.destroy()
}
