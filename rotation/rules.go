package rotation

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
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

var expressionRE = regexp.MustCompile(`^(cron|rate)\(.+\)$`)

// schedule is the rotation rules: a schedule expression (empty for none) and a window.
type schedule struct {
	expression string
	window     string
}

// scheduleFor validates the schedule fields and returns the rules. CDK's messages (V13,
// V14) are kept, in Go style.
func scheduleFor(after time.Duration, expression, window string) (schedule, []error) {
	var errs []error
	s := schedule{window: window}
	switch {
	case expression != "" && after != 0:
		errs = append(errs, errors.New("AutomaticallyAfter and ScheduleExpression cannot both be given"))
	case expression != "":
		if !expressionRE.MatchString(expression) {
			errs = append(errs, fmt.Errorf("ScheduleExpression must be a cron(...) or rate(...) expression, got %q", expression))
		}
		s.expression = expression
	case after == NoAutomaticRotation:
	default:
		if after == 0 {
			after = DefaultAutomaticallyAfter
		}
		expr, err := rate(after)
		if err != nil {
			errs = append(errs, err)
		}
		s.expression = expr
	}
	if window != "" {
		digits := strings.TrimSuffix(window, "h")
		if hours, err := strconv.Atoi(digits); !strings.HasSuffix(window, "h") || strings.Trim(digits, "0123456789") != "" || err != nil || hours < 1 || hours > 24 {
			errs = append(errs, fmt.Errorf("Duration must be a rotation window of 1h to 24h, such as 3h, got %q", window))
		}
		if s.expression == "" && after == NoAutomaticRotation {
			errs = append(errs, errors.New("Duration needs a schedule: it cannot go with NoAutomaticRotation"))
		}
	}
	return s, errs
}

// rate turns d into rate(N days) when it is whole days, else rate(N hours); it must be
// whole hours from 4 hours to 1000 days.
func rate(d time.Duration) (string, error) {
	const day = 24 * time.Hour
	switch {
	case d < 0:
		return "", fmt.Errorf("AutomaticallyAfter must be positive (or rotation.NoAutomaticRotation), got %v", d)
	case d%time.Hour != 0:
		return "", fmt.Errorf("AutomaticallyAfter must be a whole number of hours, got %v", d)
	case d < 4*time.Hour:
		return "", fmt.Errorf("AutomaticallyAfter must not be smaller than 4 hours, got %d hours", d/time.Hour)
	case d > 1000*day:
		return "", fmt.Errorf("AutomaticallyAfter must not be greater than 1000 days, got %s", humanDays(d))
	case d%day == 0:
		return fmt.Sprintf("rate(%d days)", d/day), nil
	}
	return fmt.Sprintf("rate(%d hours)", d/time.Hour), nil
}

func humanDays(d time.Duration) string {
	const day = 24 * time.Hour
	if d%day == 0 {
		return fmt.Sprintf("%d days", d/day)
	}
	return fmt.Sprintf("%d hours", d/time.Hour)
}
