package rotation

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/winebarrel/cronplan/v2"
)

// NoAutomaticRotation, as AutomaticallyAfter, deploys everything rotation needs (the
// function and its permissions) but no schedule: AWS's rotation rules require a schedule,
// so no aws.secretsmanager.SecretRotation is created, and the secret rotates only when
// asked: `aws secretsmanager rotate-secret --secret-id <arn> --rotation-lambda-arn <arn>`
// with RotationSchedule.RotationLambdaARN. (CDK's Duration of zero leaves RotationRules
// unset, which CloudFormation allows.)
const NoAutomaticRotation time.Duration = -1

// DefaultAutomaticallyAfter is the schedule when neither AutomaticallyAfter nor
// ScheduleExpression is given: every 30 days, as CDK.
const DefaultAutomaticallyAfter = 30 * 24 * time.Hour

// Secrets Manager's limits on a schedule: no more often than every 4 hours, no rarer than
// every 1000 days, a window of whole hours from 1 to 24.
const (
	minInterval = 4 * time.Hour
	maxInterval = 1000 * 24 * time.Hour
	day         = 24 * time.Hour
)

var (
	rateRE = regexp.MustCompile(`^rate\((\d+) (hours?|days?)\)$`)
	cronRE = regexp.MustCompile(`^cron\((.+)\)$`)
)

// schedule is the rotation rules: a schedule expression (empty for none) and a window.
type schedule struct {
	expression string
	window     string
}

// scheduleFor validates the schedule fields against Secrets Manager's rules and returns the
// rules. CDK's messages (V13, V14) are kept, in Go style.
func scheduleFor(after time.Duration, expression string, window time.Duration) (schedule, []error) {
	var errs []error
	var s schedule
	var starts func(window time.Duration) []error // checks the window against the schedule
	switch {
	case expression != "" && after != 0:
		errs = append(errs, errors.New("AutomaticallyAfter and ScheduleExpression cannot both be given"))
	case expression != "":
		s.expression = expression
		var err error
		if starts, err = checkExpression(expression); err != nil {
			errs = append(errs, err)
		}
	case after == NoAutomaticRotation:
	default:
		if after == 0 {
			after = DefaultAutomaticallyAfter
		}
		expr, err := rate(after)
		if err != nil {
			errs = append(errs, err)
		} else {
			starts, _ = checkExpression(expr)
		}
		s.expression = expr
	}
	if window != 0 {
		switch {
		case window%time.Hour != 0 || window < time.Hour || window > day:
			errs = append(errs, fmt.Errorf("Duration must be a rotation window of whole hours from 1 to 24, such as 3 * time.Hour, got %v", window))
		case s.expression == "" && after == NoAutomaticRotation:
			errs = append(errs, errors.New("Duration needs a schedule: it cannot go with NoAutomaticRotation"))
		case starts != nil:
			errs = append(errs, starts(window)...)
		}
		s.window = fmt.Sprintf("%dh", window/time.Hour)
	}
	return s, errs
}

// checkExpression validates a rate() or cron() expression and returns the check of a window
// against it: the window must not reach into the next rotation window or the next UTC day.
func checkExpression(expression string) (func(time.Duration) []error, error) {
	if m := rateRE.FindStringSubmatch(expression); m != nil {
		n, _ := strconv.Atoi(m[1])
		every := time.Duration(n) * day
		if strings.HasPrefix(m[2], "hour") {
			every = time.Duration(n) * time.Hour
		}
		if every < minInterval || every > maxInterval {
			return nil, fmt.Errorf("ScheduleExpression %q must rotate from every 4 hours to every 1000 days", expression)
		}
		return func(w time.Duration) []error {
			if w > every {
				return []error{fmt.Errorf("Duration %v is longer than the %v between rotations of %q", w, every, expression)}
			}
			return nil
		}, nil
	}
	m := cronRE.FindStringSubmatch(expression)
	if m == nil {
		return nil, fmt.Errorf("ScheduleExpression must be a cron(...) or rate(...) expression, got %q", expression)
	}
	cron, err := cronplan.Parse(m[1])
	if err != nil {
		return nil, fmt.Errorf("ScheduleExpression %q is not a cron expression of Secrets Manager's six fields (minutes hours day-of-month month day-of-week year)", expression)
	}
	// The next rotations from a fixed day: enough to see the schedule's shortest gap.
	fires := cron.NextN(time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC), 400)
	if len(fires) == 0 {
		return nil, fmt.Errorf("ScheduleExpression %q never rotates", expression)
	}
	for i := 1; i < len(fires); i++ {
		if fires[i].Sub(fires[i-1]) < minInterval {
			return nil, fmt.Errorf("ScheduleExpression %q rotates more often than every 4 hours, which Secrets Manager does not allow", expression)
		}
	}
	return func(w time.Duration) []error {
		for i, f := range fires {
			midnight := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, time.UTC).Add(day)
			switch {
			case f.Add(w).After(midnight):
				return []error{fmt.Errorf("Duration %v from %s (%q) would run into the next UTC day", w, f.Format("15:04"), expression)}
			case i+1 < len(fires) && f.Add(w).After(fires[i+1]):
				return []error{fmt.Errorf("Duration %v is longer than the time between rotations of %q", w, expression)}
			}
		}
		return nil
	}, nil
}

// rate turns d into rate(N days) when it is whole days, else rate(N hours); it must be
// whole hours from 4 hours to 1000 days.
func rate(d time.Duration) (string, error) {
	switch {
	case d < 0:
		return "", fmt.Errorf("AutomaticallyAfter must be positive (or rotation.NoAutomaticRotation), got %v", d)
	case d%time.Hour != 0:
		return "", fmt.Errorf("AutomaticallyAfter must be a whole number of hours, got %v", d)
	case d < minInterval:
		return "", fmt.Errorf("AutomaticallyAfter must not be smaller than 4 hours, got %d hours", d/time.Hour)
	case d > maxInterval:
		return "", fmt.Errorf("AutomaticallyAfter must not be greater than 1000 days, got %s", humanDays(d))
	case d%day == 0:
		return fmt.Sprintf("rate(%d days)", d/day), nil
	}
	return fmt.Sprintf("rate(%d hours)", d/time.Hour), nil
}

func humanDays(d time.Duration) string {
	if d%day == 0 {
		return fmt.Sprintf("%d days", d/day)
	}
	return fmt.Sprintf("%d hours", d/time.Hour)
}
