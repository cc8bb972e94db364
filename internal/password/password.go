// Package password derives passwords with the semantics of AWS Secrets Manager's
// GetRandomPassword from a secret seed, deterministically.
//
// Pulumi has no server-side generation, so a secret's value is computed in the program from
// random bytes that pulumi-random keeps (encrypted) in the stack state. The same seed and
// options must give the same password in every run and every release of secretsmith, or an
// upgrade would rotate users' passwords behind their back: the algorithm below is frozen and
// pinned by test vectors. Change it only under a new version tag in streamLabel.
package password

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// The character classes of GetRandomPassword, in the order the alphabet is built.
const (
	Uppercase   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	Lowercase   = "abcdefghijklmnopqrstuvwxyz"
	Numbers     = "0123456789"
	Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
	Space       = " "
)

// Limits of PasswordLength, as GetRandomPassword enforces them.
const (
	MinLength     = 1
	MaxLength     = 4096
	DefaultLength = 32
)

// streamLabel separates this generator's byte stream from any other use of the seed.
// It names the algorithm version: never change it for existing behaviour.
const streamLabel = "secretsmith/password/v1"

// Options are GetRandomPassword's request parameters. The zero value is not AWS's default:
// Request applies them.
type Options struct {
	Length                  int
	ExcludeCharacters       string
	ExcludeUppercase        bool
	ExcludeLowercase        bool
	ExcludeNumbers          bool
	ExcludePunctuation      bool
	IncludeSpace            bool
	RequireEachIncludedType bool
}

// Request is GetRandomPassword's request as secretsmith's public types spell it: a zero
// Length is DefaultLength and a nil RequireEachIncludedType is true, as in Secrets Manager.
type Request struct {
	// Length is the number of characters, from 1 to 4096. If 0, it is 32.
	Length int
	// ExcludeCharacters are characters a password never contains. If empty, none is
	// excluded.
	ExcludeCharacters string
	// ExcludePunctuation leaves out the 32 punctuation characters.
	ExcludePunctuation bool
	// ExcludeUppercase leaves out A-Z.
	ExcludeUppercase bool
	// ExcludeLowercase leaves out a-z.
	ExcludeLowercase bool
	// ExcludeNumbers leaves out 0-9.
	ExcludeNumbers bool
	// IncludeSpace adds the space character as a class of its own.
	IncludeSpace bool
	// RequireEachIncludedType guarantees a character of every class included. If nil, it
	// is true.
	RequireEachIncludedType *bool
}

// Compile applies r's defaults and compiles the options (see Compile).
func (r Request) Compile() (*Alphabet, error) {
	o := Options{
		Length:                  r.Length,
		ExcludeCharacters:       r.ExcludeCharacters,
		ExcludeUppercase:        r.ExcludeUppercase,
		ExcludeLowercase:        r.ExcludeLowercase,
		ExcludeNumbers:          r.ExcludeNumbers,
		ExcludePunctuation:      r.ExcludePunctuation,
		IncludeSpace:            r.IncludeSpace,
		RequireEachIncludedType: r.RequireEachIncludedType == nil || *r.RequireEachIncludedType,
	}
	if o.Length == 0 {
		o.Length = DefaultLength
	}
	return Compile(o)
}

type class struct {
	name  string
	chars string
}

// Alphabet is the validated set of characters a password is drawn from.
type Alphabet struct {
	all      string
	classes  []class // non-empty included classes, in alphabet order
	required bool
	length   int
	classOf  [256]uint8 // index into classes of each character of all
}

// Compile validates o and returns the alphabet it describes. Every problem is reported,
// each starting with the option's name in Go field spelling (PasswordLength,
// ExcludeCharacters...), so that callers can prefix a field path.
func Compile(o Options) (*Alphabet, error) {
	var errs []error
	if o.Length < MinLength || o.Length > MaxLength {
		errs = append(errs, fmt.Errorf("PasswordLength must be between %d and %d, got %d", MinLength, MaxLength, o.Length))
	}
	candidates := []struct {
		class
		excluded bool
		flag     string
	}{
		{class{"uppercase", Uppercase}, o.ExcludeUppercase, "ExcludeUppercase"},
		{class{"lowercase", Lowercase}, o.ExcludeLowercase, "ExcludeLowercase"},
		{class{"digit", Numbers}, o.ExcludeNumbers, "ExcludeNumbers"},
		{class{"punctuation", Punctuation}, o.ExcludePunctuation, "ExcludePunctuation"},
		{class{"space", Space}, !o.IncludeSpace, "IncludeSpace"},
	}
	a := &Alphabet{required: o.RequireEachIncludedType, length: o.Length}
	var all strings.Builder
	for _, c := range candidates {
		if c.excluded {
			continue
		}
		kept := strings.Map(func(r rune) rune {
			if strings.ContainsRune(o.ExcludeCharacters, r) {
				return -1
			}
			return r
		}, c.chars)
		if kept == "" {
			if o.RequireEachIncludedType {
				errs = append(errs, fmt.Errorf("ExcludeCharacters removes every %s character, but RequireEachIncludedType needs one: set %s or RequireEachIncludedType to false", c.name, excludeHint(c.flag)))
			}
			continue
		}
		for i := 0; i < len(kept); i++ {
			a.classOf[kept[i]] = uint8(len(a.classes))
		}
		a.classes = append(a.classes, class{c.name, kept})
		all.WriteString(kept)
	}
	a.all = all.String()
	switch {
	case a.all == "":
		errs = append(errs, errors.New("ExcludeCharacters and the Exclude options leave no character to choose from: include at least one character class"))
	case o.RequireEachIncludedType && o.Length >= MinLength && o.Length < len(a.classes):
		errs = append(errs, fmt.Errorf("PasswordLength %d is shorter than the %d character classes RequireEachIncludedType needs", o.Length, len(a.classes)))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return a, nil
}

func excludeHint(flag string) string {
	if flag == "IncludeSpace" {
		return "IncludeSpace to false"
	}
	return flag
}

// Generate derives the password for seed. The same seed and alphabet always give the same
// password. Each character is drawn uniformly from the alphabet by rejection sampling; when
// RequireEachIncludedType is set, each missing class then replaces one character, at a
// uniformly chosen position whose class occurs more than once, with a uniformly chosen
// character of the missing class.
func (a *Alphabet) Generate(seed []byte) string {
	s := newStream(seed)
	pw := make([]byte, a.length)
	for i := range pw {
		pw[i] = a.all[s.intn(len(a.all))]
	}
	if !a.required {
		return string(pw)
	}
	counts := make([]int, len(a.classes))
	for _, ch := range pw {
		counts[a.classOf[ch]]++
	}
	for ci, c := range a.classes {
		if counts[ci] > 0 {
			continue
		}
		var spare []int
		for i, ch := range pw {
			if counts[a.classOf[ch]] > 1 {
				spare = append(spare, i)
			}
		}
		// len(pw) >= len(a.classes) and class ci is absent, so by pigeonhole another class
		// occurs twice: spare is never empty.
		i := spare[s.intn(len(spare))]
		counts[a.classOf[pw[i]]]--
		pw[i] = c.chars[s.intn(len(c.chars))]
		counts[ci]++
	}
	return string(pw)
}

// stream is HMAC-SHA256 in counter mode keyed with the seed: block i is
// HMAC(seed, streamLabel || uint64be(i)). It is a deterministic CSPRNG for a secret seed.
type stream struct {
	mac     hash.Hash
	counter uint64
	block   []byte
	buf     []byte
}

func newStream(seed []byte) *stream { return &stream{mac: hmac.New(sha256.New, seed)} }

func (s *stream) byte() byte {
	if len(s.buf) == 0 {
		s.mac.Reset()
		s.mac.Write([]byte(streamLabel))
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], s.counter)
		s.mac.Write(n[:])
		s.block = s.mac.Sum(s.block[:0])
		s.buf = s.block
		s.counter++
	}
	b := s.buf[0]
	s.buf = s.buf[1:]
	return b
}

// intn returns a uniform integer in [0, n) for 0 < n <= 65536, by rejection sampling on
// one byte when n <= 256 and on two bytes (big-endian) otherwise.
func (s *stream) intn(n int) int {
	if n <= 256 {
		limit := 256 - 256%n
		for {
			if v := int(s.byte()); v < limit {
				return v % n
			}
		}
	}
	limit := 65536 - 65536%n
	for {
		if v := int(s.byte())<<8 | int(s.byte()); v < limit {
			return v % n
		}
	}
}
