package secrets

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// The value a JSON secret's version is written with, once rotation may own the password.
//
// A templated or attached value has two parts: its identity, which is what rotation
// replaces (the generated password, or the explicit value the program gave), and fields
// secretsmith lays over it (the template's other keys, the Target's connection fields).
// When only the fields change after a rotation, writing the program's value would put the
// initial password back as AWSCURRENT while the database holds the rotated one. So, like
// CloudFormation's SecretTargetAttachment, secretsmith merges changed fields into the
// current value instead, and writes the program's own value only when the identity changes
// (a new explicit value, new generator options) or on the first write.
//
// What was written last is read back from AWS at deploy time: the version labelled
// ManagedVersionStage. Its identity is recorded in a second label, identityStagePrefix and
// an HMAC of the identity keyed by the secret's random seed, so that a merged value (which
// no longer holds the initial password) still shows which identity it belongs to, and the
// label says nothing about the value. A version written before the label existed held the
// program's value exactly, so its identity is its content without the fields.
//
// The decision, from what AWS holds:
//   - no version at all: the program's value;
//   - no version of ours, but an AWSCURRENT (our label was taken off: see deployValue):
//     AWSCURRENT with the fields laid over it, and a warning;
//   - ours, of another identity: the program's value (a replacement follows);
//   - ours, of this identity, with every field as the program sets it: exactly what is stored
//     (no change is planned, rotated or not);
//   - ours, of this identity, with a field changed: AWSCURRENT with the fields laid over it
//     (a replacement follows, keeping the current password).
//
// A field dropped from the template or Target stays in the value until the identity
// changes: the merge cannot tell it from a field a rotation function added.

// identityStagePrefix starts the label that records the identity of the value a version
// holds.
const identityStagePrefix = ManagedVersionStage + "-"

// merged describes a value secretsmith lays fields over.
type merged struct {
	fields []string   // the keys secretsmith owns besides the identity
	seed   seedSource // the seed that keys the identity label
	base   mergeBase  // what a merge read (race.go)
}

// identity is the program's value without the fields, as canonical JSON, and the label
// that records it.
func (m *merged) identity(program, seedBase64 string) (identity, label string, err error) {
	id, err := m.withoutFields(program)
	if err != nil {
		return "", "", err
	}
	label, err = identityLabel(id, seedBase64)
	return id, label, err
}

// identityLabel is the label that records identity, keyed by the seed.
func identityLabel(identity, seedBase64 string) (string, error) {
	seed, err := base64.StdEncoding.DecodeString(seedBase64)
	if err != nil {
		return "", fmt.Errorf("secrets: the seed is not base64: %w", errNoDetail)
	}
	mac := hmac.New(sha256.New, seed)
	mac.Write([]byte("secretsmith value identity\x00" + identity))
	return identityStagePrefix + hex.EncodeToString(mac.Sum(nil))[:16], nil
}

// withoutFields is value, a JSON object, without the fields, as canonical JSON.
func (m *merged) withoutFields(value string) (string, error) {
	obj, err := object(value)
	if err != nil {
		return "", err
	}
	for _, k := range m.fields {
		delete(obj, k)
	}
	return canonical(obj)
}

// stored is the version of ours that AWS holds: its labels and its value.
type stored struct {
	labels []string
	value  string
}

// keptValue decides what a version of the secret is written with (see above), from the
// version of ours AWS holds (nil when there is none) and AWSCURRENT's value.
func (m *merged) keptValue(program, identity, label string, s *stored, current string) (string, error) {
	got, merge, err := m.decide(program, identity, label, s)
	if err != nil || !merge {
		return got, err
	}
	return m.mergeInto(current, program), nil
}

// decide is keptValue's decision without AWSCURRENT: the value to write, or merge when the
// program's fields are to be laid over AWSCURRENT.
func (m *merged) decide(program, identity, label string, s *stored) (value string, merge bool, err error) {
	if s == nil {
		return program, false, nil
	}
	same := slices.Contains(s.labels, label)
	if !slices.ContainsFunc(s.labels, func(l string) bool { return strings.HasPrefix(l, identityStagePrefix) }) {
		id, err := m.withoutFields(s.value)
		same = err == nil && id == identity
	}
	if !same {
		return program, false, nil
	}
	want, err := object(program)
	if err != nil {
		return "", false, err
	}
	if overlay(s.value, want, m.fields) == s.value {
		return s.value, false, nil
	}
	return "", true, nil
}

// mergeInto is current with the program's fields laid over it, or the program's value when
// current is no JSON object (nothing to merge into).
func (m *merged) mergeInto(current, program string) string {
	want, err := object(program)
	if _, cerr := object(current); err != nil || cerr != nil {
		return program
	}
	return overlay(current, want, m.fields)
}

// overlay is value with the fields of want laid over it, as canonical JSON; value itself
// when that changes nothing.
func overlay(value string, want map[string]json.RawMessage, fields []string) string {
	obj, err := object(value)
	if err != nil {
		return value
	}
	changed := false
	for _, k := range fields {
		w, ok := want[k]
		if !ok {
			continue
		}
		if old, ok := obj[k]; !ok || !jsonEqual(old, w) {
			obj[k], changed = w, true
		}
	}
	if !changed {
		return value
	}
	out, err := canonical(obj)
	if err != nil {
		return value
	}
	return out
}

func object(value string) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(value), &obj); err != nil || obj == nil {
		return nil, fmt.Errorf("secrets: the secret value is not a JSON object (value withheld)")
	}
	return obj, nil
}

// canonical encodes obj with sorted keys, as every value secretsmith writes.
func canonical(obj map[string]json.RawMessage) (string, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return "", errNoDetail
	}
	return string(b), nil
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// deployValue is the value to write, failed by invalid when valueProblem finds one, and the
// identity label, read against what AWS holds for the secret arn at deploy time
// (getSecretVersions, getSecretVersion through opts). The reads wait for arn, so a secret
// being created reads nothing. The list of versions, which holds no secret, is read with a
// plain invoke in the apply that decides, which costs a program with thousands of secrets
// far less than an output; the values it may then read are secrets, which only the output
// form of an invoke may return. A generated value costs two applies: the label's and the
// decision's, both from the seed.
func (m *merged) deployValue(ctx *pulumi.Context, arn pulumi.StringOutput, program programValue, invalid func([]error) error,
	opts ...pulumi.InvokeOption,
) (value pulumi.StringPtrOutput, label pulumi.StringOutput) {
	// The label and the value each need the program's value, its identity and the seed:
	// computed once, without an output to share them.
	type ids struct{ program, id, label string }
	identityOf := lastOf(func(seedAndGiven string) (ids, error) {
		seed, given, _ := strings.Cut(seedAndGiven, "\x00") // base64 has no NUL
		seed, err := m.seed.of(seed)
		if err != nil {
			return ids{}, err
		}
		if g := program.generated; g != nil { // no parse of what it just encoded
			v, id, err := g.generate(seed)
			if err != nil {
				return ids{}, err
			}
			label, err := identityLabel(id, seed)
			return ids{v, id, label}, err
		}
		id, label, err := m.identity(given, seed)
		return ids{given, id, label}, err
	})
	check := valueCheck(false, invalid)
	decide := func(arn string, got ids) (pulumi.StringPtrOutput, error) {
		versions, err := secretsmanager.GetSecretVersions(ctx, &secretsmanager.GetSecretVersionsArgs{SecretId: arn}, opts...)
		if err != nil {
			return pulumi.StringPtrOutput{}, err
		}
		var ours, current *secretsmanager.GetSecretVersionsVersion
		for _, ver := range versions.Versions {
			if slices.Contains(ver.VersionStages, ManagedVersionStage) {
				ours = &ver
			}
			if slices.Contains(ver.VersionStages, "AWSCURRENT") {
				current = &ver
			}
		}
		pending := pendingRotation(versions.Versions)
		if ours == nil && current != nil {
			if pending != "" {
				return pulumi.StringPtrOutput{}, errRotationInProgress(arn, pending)
			}
			// No version holds our label, yet the secret has a value: a delete that failed
			// halfway (the upstream resourceSecretVersionDelete takes the state's labels off
			// one by one, and fails on one a rotation moved since the last refresh) or a
			// hand edit took it off. Whose password AWSCURRENT holds cannot be told, and
			// rotation may own it: writing the program's value could put an older password
			// back, so the fields are merged into AWSCURRENT instead.
			ctx.Log.Warn(fmt.Sprintf("secrets: no version of %s holds the %s label (a failed update or a hand edit took it off): "+
				"the program's fields are merged into AWSCURRENT, keeping its password. If this update sets a new value (an "+
				"explicit value or generator options) to be written instead, put the %s label back on secretsmith's previous "+
				"version (the versionId in the state of the secret's -version resource) and run `pulumi up --refresh`",
				arn, ManagedVersionStage, ManagedVersionStage), nil)
			return m.mergeIntoCurrent(ctx, arn, got.program, opts).ApplyT(check).(pulumi.StringPtrOutput), nil
		}
		if ours == nil {
			v, err := check(got.program)
			if err != nil {
				return pulumi.StringPtrOutput{}, err
			}
			return pulumi.StringPtr(*v).ToStringPtrOutput(), nil
		}
		return m.readValue(ctx, arn, got.program, got.id, got.label, ours, pending, opts).ApplyT(check).(pulumi.StringPtrOutput), nil
	}

	if program.generated == nil {
		label = pulumi.Unsecret(pulumi.All(program.out, m.seed.base64).ApplyT(func(v []any) (string, error) {
			got, err := identityOf(v[1].(string) + "\x00" + v[0].(string))
			return got.label, err
		})).(pulumi.StringOutput)
		value = pulumi.All(arn, program.out, m.seed.base64).ApplyT(func(v []any) (pulumi.StringPtrOutput, error) {
			got, err := identityOf(v[2].(string) + "\x00" + v[1].(string))
			if err != nil {
				return pulumi.StringPtrOutput{}, err
			}
			return decide(v[0].(string), got)
		}).(pulumi.StringPtrOutput)
		return value, label
	}
	// A generated value: the label, an HMAC keyed by the seed, tells nothing of it and
	// comes from the plain seed; the value stays a secret in the seed's apply, which waits
	// for the ARN itself rather than through an output of its own.
	label = m.seed.plain().ApplyT(func(seed string) (string, error) {
		got, err := identityOf(seed)
		return got.label, err
	}).(pulumi.StringOutput)
	value = m.seed.base64.ApplyT(func(c context.Context, seed string) (pulumi.StringPtrOutput, error) {
		got, err := identityOf(seed)
		if err != nil {
			return pulumi.StringPtrOutput{}, err
		}
		arn, err := internals.UnsafeAwaitOutput(c, arn)
		switch {
		case err != nil:
			return pulumi.StringPtrOutput{}, err
		case !arn.Known: // a secret to be created, in a preview
			return pulumi.UnsafeUnknownOutput(arn.Dependencies).ApplyT(func(any) *string { return nil }).(pulumi.StringPtrOutput), nil
		}
		return decide(arn.Value.(string), got)
	}).(pulumi.StringPtrOutput)
	return value, label
}

// readValue is the value to write when ours, a version of ours, exists: read, and merged
// with AWSCURRENT when only the fields changed (not while a rotation is in progress:
// pending is the version it put AWSPENDING on).
func (m *merged) readValue(ctx *pulumi.Context, arn, program, id, label string, ours *secretsmanager.GetSecretVersionsVersion,
	pending string, opts []pulumi.InvokeOption,
) pulumi.StringOutput {
	held := secretsmanager.LookupSecretVersionOutput(ctx, secretsmanager.LookupSecretVersionOutputArgs{
		SecretId: pulumi.String(arn), VersionId: pulumi.String(ours.VersionId),
	}, opts...).SecretString()
	return held.ApplyT(func(held string) (pulumi.StringOutput, error) {
		got, merge, err := m.decide(program, id, label, &stored{labels: ours.VersionStages, value: held})
		if err == nil && (merge || got != held) {
			warnStaleDelete(ctx, arn, ours)
		}
		switch {
		case err != nil || !merge:
			return pulumi.String(got).ToStringOutput(), err
		case pending != "":
			return pulumi.StringOutput{}, errRotationInProgress(arn, pending)
		case slices.Contains(ours.VersionStages, "AWSCURRENT"):
			m.base.merged(ours.VersionId)
			return pulumi.String(m.mergeInto(held, program)).ToStringOutput(), nil // ours is current: no second read
		}
		// Only a change of fields needs AWSCURRENT.
		return m.mergeIntoCurrent(ctx, arn, program, opts), nil
	}).(pulumi.StringOutput)
}

// mergeIntoCurrent is AWSCURRENT, read now, with the program's fields laid over it, and
// records which version it read (race.go).
func (m *merged) mergeIntoCurrent(ctx *pulumi.Context, arn, program string, opts []pulumi.InvokeOption) pulumi.StringOutput {
	read := secretsmanager.LookupSecretVersionOutput(ctx, secretsmanager.LookupSecretVersionOutputArgs{
		SecretId: pulumi.String(arn), VersionStage: pulumi.String("AWSCURRENT"),
	}, opts...)
	return pulumi.All(read.SecretString(), read.VersionId()).ApplyT(func(v []any) string {
		m.base.merged(v[1].(string))
		return m.mergeInto(v[0].(string), program)
	}).(pulumi.StringOutput)
}
