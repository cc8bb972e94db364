package secrets

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/secretsmith/secretsmith/internal/password"
)

// SecretStringGenerator generates the secret's value with the semantics of Secrets Manager's
// GetRandomPassword (CloudFormation's GenerateSecretString), optionally inside a JSON
// template.
//
// The zero value generates 32 characters from upper- and lowercase letters, digits and the
// 32 punctuation characters !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~, at least one of each.
//
// Pulumi has no server-side generation: the value is derived in the program from 32 random
// bytes that pulumi-random keeps, encrypted, in the stack's state. The derivation is frozen,
// so re-running the program, or upgrading secretsmith, never changes a generated password.
// Changing a generator option (PasswordLength, the exclusions...) derives a new password
// from the same bytes; changing only the template keeps the password.
type SecretStringGenerator struct {
	// SecretStringTemplate is a JSON object that the generated password is added to, under
	// GenerateStringKey. It must be given together with GenerateStringKey. If empty, the
	// secret's value is the bare password.
	SecretStringTemplate string `pulumi:"secretStringTemplate"`
	// GenerateStringKey is the key of SecretStringTemplate that holds the password. It must
	// be given together with SecretStringTemplate and must not already be in it.
	GenerateStringKey string `pulumi:"generateStringKey"`
	// PasswordLength is the number of characters, from 1 to 4096. If 0, it is 32.
	PasswordLength int `pulumi:"passwordLength"`
	// ExcludeCharacters are characters the password never contains; any character,
	// letters and digits included. If empty, none is excluded.
	ExcludeCharacters string `pulumi:"excludeCharacters"`
	// ExcludePunctuation leaves out the 32 punctuation characters.
	ExcludePunctuation bool `pulumi:"excludePunctuation"`
	// ExcludeUppercase leaves out A-Z.
	ExcludeUppercase bool `pulumi:"excludeUppercase"`
	// ExcludeLowercase leaves out a-z.
	ExcludeLowercase bool `pulumi:"excludeLowercase"`
	// ExcludeNumbers leaves out 0-9.
	ExcludeNumbers bool `pulumi:"excludeNumbers"`
	// IncludeSpace adds the space character as a class of its own.
	IncludeSpace bool `pulumi:"includeSpace"`
	// RequireEachIncludedType guarantees at least one character of every class included.
	// If nil, it is true, as in Secrets Manager.
	RequireEachIncludedType *bool `pulumi:"requireEachIncludedType"`
}

// generator is a validated SecretStringGenerator.
type generator struct {
	alphabet *password.Alphabet
	template map[string]json.RawMessage // nil when the value is the bare password
	key      string
}

// PasswordOptions are the generator's GetRandomPassword parameters, without the template:
// rotator.PasswordOptions, with which secretsmith's rotation functions make the next
// passwords.
func (g *SecretStringGenerator) PasswordOptions() password.Request {
	return password.Request{
		Length:                  g.PasswordLength,
		ExcludeCharacters:       g.ExcludeCharacters,
		ExcludeUppercase:        g.ExcludeUppercase,
		ExcludeLowercase:        g.ExcludeLowercase,
		ExcludeNumbers:          g.ExcludeNumbers,
		ExcludePunctuation:      g.ExcludePunctuation,
		IncludeSpace:            g.IncludeSpace,
		RequireEachIncludedType: g.RequireEachIncludedType,
	}
}

// compile validates g, reporting every problem under the field path prefix.
func (g *SecretStringGenerator) compile(prefix string) (*generator, []error) {
	a, err := g.PasswordOptions().Compile()
	var errs []error
	if err != nil {
		errs = append(errs, prefixed(prefix, err)...)
	}
	out := &generator{alphabet: a, key: g.GenerateStringKey}
	switch {
	case (g.SecretStringTemplate == "") != (g.GenerateStringKey == ""):
		errs = append(errs, fmt.Errorf("%s.SecretStringTemplate and %s.GenerateStringKey must be specified together", prefix, prefix))
	case g.SecretStringTemplate != "":
		if err := json.Unmarshal([]byte(g.SecretStringTemplate), &out.template); err != nil || out.template == nil {
			// Never quoted: the template's fields become part of the secret value.
			errs = append(errs, fmt.Errorf("%s.SecretStringTemplate must be a JSON object (template withheld)", prefix))
		} else if _, ok := out.template[g.GenerateStringKey]; ok {
			errs = append(errs, fmt.Errorf("%s.GenerateStringKey %q is already a key of SecretStringTemplate: the generated password would overwrite it", prefix, g.GenerateStringKey))
		}
	}
	return out, errs
}

// generators remembers compiled generators by their options, so that the secrets of a set
// that generate alike share one: a generator is not changed once compiled.
type generators map[SecretStringGenerator]compiledGenerator

type compiledGenerator struct {
	g    *generator
	errs []error
}

// compile is g.compile, once for each options (every caller gives the same prefix); a nil
// map compiles every time.
func (c generators) compile(g *SecretStringGenerator, prefix string) (*generator, []error) {
	if c == nil {
		return g.compile(prefix)
	}
	if got, ok := c[*g]; ok {
		return got.g, got.errs
	}
	gen, errs := g.compile(prefix)
	c[*g] = compiledGenerator{gen, errs}
	return gen, errs
}

// value derives the secret's string from the base64 seed.
func (g *generator) value(seedBase64 string) (string, error) {
	v, _, err := g.generate(seedBase64)
	return v, err
}

// generate derives the secret's string from the base64 seed and, for a templated value, its
// identity (kept.go): the value without the template's fields, {"<key>":"<password>"}, as
// canonical JSON, the bytes merged.withoutFields would make of the value.
func (g *generator) generate(seedBase64 string) (value, identity string, err error) {
	seed, err := base64.StdEncoding.DecodeString(seedBase64)
	if err != nil {
		return "", "", fmt.Errorf("secrets: the generator seed is not base64: %w", errNoDetail)
	}
	pw := g.alphabet.Generate(seed)
	if g.template == nil {
		return pw, "", nil
	}
	quoted, err := json.Marshal(pw)
	if err != nil {
		return "", "", errNoDetail
	}
	own, err := json.Marshal(map[string]json.RawMessage{g.key: quoted})
	if err != nil {
		return "", "", errNoDetail
	}
	obj := make(map[string]json.RawMessage, len(g.template)+1)
	for k, v := range g.template {
		obj[k] = v
	}
	obj[g.key] = quoted
	// encoding/json sorts map keys: the same template always gives the same bytes.
	b, err := json.Marshal(obj)
	if err != nil {
		return "", "", errNoDetail
	}
	return string(b), string(own), nil
}
