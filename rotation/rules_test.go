package rotation

import (
	"testing"
	"time"
)

// FuzzSchedule: any schedule fields are accepted or refused without a panic, and what is
// accepted is a rate() or cron() expression with a window of whole hours.
func FuzzSchedule(f *testing.F) {
	f.Add(int64(0), "cron(0 9 ? * MON *)", int64(3))
	f.Add(int64(30*24), "", int64(0))
	f.Add(int64(0), "rate(4 hours)", int64(4))
	f.Add(int64(-1), "cron(0 2 L * ? *)", int64(25))
	f.Fuzz(func(t *testing.T, afterHours int64, expression string, windowHours int64) {
		after := time.Duration(afterHours%(2000*24)) * time.Hour
		if afterHours == -1 {
			after = NoAutomaticRotation
		}
		s, errs := scheduleFor(after, expression, time.Duration(windowHours%48)*time.Hour)
		if len(errs) > 0 || s.expression == "" {
			return
		}
		if !rateRE.MatchString(s.expression) && !cronRE.MatchString(s.expression) {
			t.Fatalf("accepted %q", s.expression)
		}
	})
}
