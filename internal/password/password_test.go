package password

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"
)

func seedOf(label string, i int) []byte {
	s := sha256.Sum256([]byte(fmt.Sprintf("%s-%d", label, i)))
	return s[:]
}

// TestVectors pins the algorithm: these passwords must never change, or every generated
// secret in users' stacks would be replaced on upgrade.
func TestVectors(t *testing.T) {
	t.Parallel()
	vectors := []struct {
		opts Options
		want string
	}{
		{defaults(), `T0ku+)O#r]Y)#[8("mbTg,jqdiD5aVkO`},
		{Options{Length: 12, ExcludePunctuation: true, RequireEachIncludedType: true}, "m5uN2FND7ZeI"},
		{Options{Length: 24, ExcludeCharacters: `/@" `, RequireEachIncludedType: true}, `qwO1{Vc]<(CBHSEI_N'DBcj#`},
		{Options{Length: 64, ExcludeCharacters: "abc", ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true}, "CIEVHHJUKWMHAUNLUTMIWJBACOVWHFYGYPBROIFYKTTKGBKXOEXBLMNPDLODVLNV"},
		{Options{Length: 5, IncludeSpace: true, RequireEachIncludedType: true}, " y}S1"},
		{Options{Length: 300, ExcludeUppercase: true, ExcludeLowercase: true, ExcludePunctuation: true, RequireEachIncludedType: true},
			"324200791017154906433409689130471988666833257810147255441659471721899637755745887650018236927370863894369409253281992324515856805865370952284930016347811610405904068930942757674438335750561883553404146278221945251894146584629593610034557386126475610056439839239810088410040942127923829583378110733113"},
	}
	for i, v := range vectors {
		a, err := Compile(v.opts)
		if err != nil {
			t.Fatalf("vector %d: %v", i, err)
		}
		if got := a.Generate(seedOf("vector", i)); got != v.want {
			t.Errorf("vector %d: got %q; want %q", i, got, v.want)
		}
	}
}

func classesOf(o Options) map[string]string {
	keep := func(chars string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(o.ExcludeCharacters, r) {
				return -1
			}
			return r
		}, chars)
	}
	c := map[string]string{}
	if !o.ExcludeUppercase {
		c["upper"] = keep(Uppercase)
	}
	if !o.ExcludeLowercase {
		c["lower"] = keep(Lowercase)
	}
	if !o.ExcludeNumbers {
		c["numbers"] = keep(Numbers)
	}
	if !o.ExcludePunctuation {
		c["punctuation"] = keep(Punctuation)
	}
	if o.IncludeSpace {
		c["space"] = keep(Space)
	}
	return c
}

// TestProperties checks, over 10,000 seeds per option set, the length, that every
// character is allowed, that exclusions hold and that every class is present.
func TestProperties(t *testing.T) {
	t.Parallel()
	sets := []Options{
		defaults(),
		{Length: 4, RequireEachIncludedType: true},
		{Length: 5, IncludeSpace: true, RequireEachIncludedType: true},
		{Length: 16, ExcludeCharacters: "012345678abcdefghijklmnopqrstuvwxyABCDEFGHIJKLMNOPQRSTUVWXY!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}", RequireEachIncludedType: true},
		{Length: 20, ExcludeUppercase: true, ExcludeNumbers: true, ExcludeCharacters: "aeiou", RequireEachIncludedType: true},
		{Length: 7, ExcludePunctuation: true},
		{Length: 4096, RequireEachIncludedType: true},
	}
	for si, o := range sets {
		a, err := Compile(o)
		if err != nil {
			t.Fatalf("set %d: %v", si, err)
		}
		classes := classesOf(o)
		n := 10000
		if o.Length > 1000 {
			n = 50
		}
		for i := 0; i < n; i++ {
			pw := a.Generate(seedOf("prop", i))
			if len(pw) != o.Length {
				t.Fatalf("set %d seed %d: length %d; want %d", si, i, len(pw), o.Length)
			}
			if strings.ContainsAny(pw, o.ExcludeCharacters) {
				t.Fatalf("set %d seed %d: contains an excluded character", si, i)
			}
			for _, ch := range pw {
				if !strings.ContainsRune(a.all, ch) {
					t.Fatalf("set %d seed %d: %q is outside the alphabet", si, i, ch)
				}
			}
			if o.RequireEachIncludedType {
				for name, chars := range classes {
					if !strings.ContainsAny(pw, chars) {
						t.Fatalf("set %d seed %d: no %s character", si, i, name)
					}
				}
			}
		}
	}
}

// TestUniform is a chi-square test that the characters are near-uniform over the alphabet.
func TestUniform(t *testing.T) {
	t.Parallel()
	a, err := Compile(defaults())
	if err != nil {
		t.Fatal(err)
	}
	counts := map[rune]int{}
	total := 0
	for i := 0; i < 10000; i++ {
		for _, ch := range a.Generate(seedOf("chi", i)) {
			counts[ch]++
			total++
		}
	}
	k := len(a.all)
	expected := float64(total) / float64(k)
	chi := 0.0
	for _, ch := range a.all {
		d := float64(counts[ch]) - expected
		chi += d * d / expected
	}
	// 93 degrees of freedom: the 99.9th percentile of chi-square is about 139.
	if chi > 139 {
		t.Errorf("chi-square = %.1f over %d characters; want <= 139 (not uniform)", chi, k)
	}
}

func TestIntnUniformTwoBytes(t *testing.T) {
	t.Parallel()
	var seed [8]byte
	binary.BigEndian.PutUint64(seed[:], 42)
	s := newStream(seed[:])
	const n, draws = 3000, 300000
	counts := make([]int, n)
	for i := 0; i < draws; i++ {
		v := s.intn(n)
		if v < 0 || v >= n {
			t.Fatalf("intn(%d) = %d", n, v)
		}
		counts[v]++
	}
	exp := float64(draws) / n
	chi := 0.0
	for _, c := range counts {
		chi += (float64(c) - exp) * (float64(c) - exp) / exp
	}
	// df = 2999: mean 2999, sd about 77; allow 5 sd.
	if math.Abs(chi-2999) > 5*77 {
		t.Errorf("chi-square = %.0f; want near 2999", chi)
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		opts Options
		want []string
	}{
		"length zero":        {Options{Length: 0}, []string{"PasswordLength must be between 1 and 4096, got 0"}},
		"length too long":    {Options{Length: 4097}, []string{"PasswordLength must be between 1 and 4096, got 4097"}},
		"everything removed": {Options{Length: 8, ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true}, []string{"ExcludeCharacters and the Exclude options leave no character to choose from"}},
		"shorter than classes": {Options{Length: 3, RequireEachIncludedType: true},
			[]string{"PasswordLength 3 is shorter than the 4 character classes RequireEachIncludedType needs"}},
		"class emptied": {Options{Length: 8, ExcludeCharacters: Numbers, RequireEachIncludedType: true},
			[]string{"ExcludeCharacters removes every digit character, but RequireEachIncludedType needs one: set ExcludeNumbers or RequireEachIncludedType to false"}},
		"space emptied": {Options{Length: 8, IncludeSpace: true, ExcludeCharacters: " ", RequireEachIncludedType: true},
			[]string{"ExcludeCharacters removes every space character, but RequireEachIncludedType needs one: set IncludeSpace to false or RequireEachIncludedType to false"}},
		"all problems at once": {Options{Length: -1, ExcludeCharacters: Uppercase, RequireEachIncludedType: true},
			[]string{"PasswordLength must be between 1 and 4096, got -1", "removes every uppercase character"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Compile(tt.opts)
			if err == nil {
				t.Fatalf("got no error; want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestEmptiedClassAllowedWhenNotRequired(t *testing.T) {
	t.Parallel()
	a, err := Compile(Options{Length: 10, ExcludeCharacters: Numbers})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(a.all, Numbers) {
		t.Errorf("alphabet %q has digits", a.all)
	}
}

func BenchmarkGenerate(b *testing.B) {
	a, _ := Compile(defaults())
	seed := seedOf("bench", 0)
	b.ReportAllocs()
	for b.Loop() {
		a.Generate(seed)
	}
}

// FuzzGenerate: any options compile or fail without a panic, and a compiled alphabet gives
// passwords of the length asked, from its characters only, with every class when required.
func FuzzGenerate(f *testing.F) {
	f.Add(32, "", false, false, false, false, false, true, []byte("seed"))
	f.Add(4, `/@" `, true, false, false, true, true, true, []byte{0, 1, 2})
	f.Add(1, "abcdefghijklmnopqrstuvwxyz", false, false, true, true, false, false, []byte{})
	f.Fuzz(func(t *testing.T, length int, exclude string, noUpper, noLower, noNumbers, noPunct, space, require bool, seed []byte) {
		if length > 4096 {
			length %= 4097
		}
		a, err := Compile(Options{Length: length, ExcludeCharacters: exclude, ExcludeUppercase: noUpper, ExcludeLowercase: noLower,
			ExcludeNumbers: noNumbers, ExcludePunctuation: noPunct, IncludeSpace: space, RequireEachIncludedType: require})
		if err != nil {
			return
		}
		pw := a.Generate(seed)
		if len(pw) != length {
			t.Fatalf("length %d; want %d", len(pw), length)
		}
		for _, c := range pw {
			if strings.ContainsRune(exclude, c) {
				t.Fatalf("an excluded character %q", c)
			}
		}
		if pw != a.Generate(seed) {
			t.Fatal("the same seed gave another password")
		}
		for _, c := range a.classes {
			if a.required && length >= len(a.classes) && !strings.ContainsAny(pw, c.chars) {
				t.Fatalf("no character of the required class %s", c.name)
			}
		}
	})
}

// defaults are AWS's defaults: 32 characters of every class but space, each required.
func defaults() Options {
	return Options{Length: DefaultLength, RequireEachIncludedType: true}
}
