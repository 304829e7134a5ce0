package eligibility_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{
		"11010519491231002X", "11010519491231002x", "110105491231002", "１１０１０５１９４９１２３１００２Ｘ",
		" 11010519491231002X ", "110105194912310021", "11010519490229002X", "", "X", "12345678901234567890",
		"\u300011010519491231002X", "110105********002X", "11010519491231002\xef\xbc",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := eligibility.ParseIDNumber(s)
		if err != nil {
			if !id.IsZero() {
				t.Fatalf("ParseIDNumber(%q) returned %v with an error", s, id)
			}
			var e *eligibility.IDError
			if !errors.As(err, &e) {
				t.Fatalf("ParseIDNumber(%q) error %T is not *IDError", s, err)
			}
			if e.Unwrap() == nil {
				t.Fatalf("IDError without sentinel: %+v", e)
			}
			// A masked error never carries the input (unless the input was
			// already starred).
			if utf8.RuneCountInString(s) >= 15 && !strings.Contains(s, "*") && strings.Contains(err.Error(), s) {
				t.Fatalf("error %q contains the input", err)
			}
			if utf8.RuneCountInString(e.Masked) > 6+17+4 {
				t.Fatalf("masked value too long: %q", e.Masked)
			}
			// At least six characters are hidden, and nothing of an input
			// shorter than 15 characters is shown.
			if stars := strings.Count(e.Masked, "*"); stars < min(6, e.Length) {
				t.Fatalf("Masked %q of a %d-character input hides %d", e.Masked, e.Length, stars)
			}
			if e.Length < 15 && strings.Trim(e.Masked, "*…") != "" {
				t.Fatalf("Masked %q reveals part of a short input", e.Masked)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("error message of %d bytes", len(err.Error()))
			}
			return
		}
		str := id.String()
		if len(str) != 18 {
			t.Fatalf("String() = %q", str)
		}
		again, err := eligibility.ParseIDNumber(str)
		if err != nil || again != id {
			t.Fatalf("ParseIDNumber(String()) = %v, %v; want %v", again, err, id)
		}
		if id.BirthDate().Compact() != str[6:14] || id.Gender() == eligibility.GenderUnknown {
			t.Fatalf("accessors inconsistent for %s", str)
		}
		m := id.Masked()
		if m[:6] != str[:6] || m[14:] != str[14:] || m[6:14] != "********" {
			t.Fatalf("Masked() = %q", m)
		}
		if _, err := eligibility.ParseIDNumber(m); err == nil {
			t.Fatalf("a masked number parsed: %q", m)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2019-07-18", "20190718", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "", "2019-7-18"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := eligibility.ParseDate(s)
		if err != nil {
			if !dt.IsZero() {
				t.Fatalf("ParseDate(%q) = %v with an error", s, dt)
			}
			if !errors.Is(err, eligibility.ErrDateSyntax) && !errors.Is(err, eligibility.ErrDateRange) {
				t.Fatalf("ParseDate(%q) error %v has no sentinel", s, err)
			}
			return
		}
		if dt.IsZero() {
			t.Fatalf("ParseDate(%q) gave the zero Date", s)
		}
		for _, form := range []string{dt.String(), dt.Compact()} {
			again, err := eligibility.ParseDate(form)
			if err != nil || again != dt {
				t.Fatalf("round trip of %q via %q = %v, %v", s, form, again, err)
			}
		}
		if s != dt.String() && s != dt.Compact() {
			t.Fatalf("ParseDate(%q) = %v: input is neither form", s, dt)
		}
		tm, err := time.Parse("20060102", dt.Compact())
		if err != nil || tm.Year() != dt.Year() || tm.Month() != dt.Month() || tm.Day() != dt.Day() {
			t.Fatalf("time.Parse disagrees on %v: %v %v", dt, tm, err)
		}
	})
}

// dateFrom maps any integer onto a valid date between 1850 and 2100.
func dateFrom(n int64) eligibility.Date {
	const span = 91675 // days from 1850-01-01 to 2100-12-31
	k := int(n % span)
	if k < 0 {
		k += span
	}
	return d("1850-01-01").AddDays(k)
}

func FuzzDateArithmetic(f *testing.F) {
	f.Add(int64(0), int64(1))
	f.Add(int64(54786), int64(-13))
	f.Add(int64(-1), int64(1<<40))
	f.Fuzz(func(t *testing.T, a, n int64) {
		dt := dateFrom(a)
		k := int(n % 50000)
		e := dt.AddDays(k)
		if e.DaysSince(dt) != k {
			t.Fatalf("%v.AddDays(%d).DaysSince = %d", dt, k, e.DaysSince(dt))
		}
		if (k > 0) != e.After(dt) || (k == 0) != (e == dt) {
			t.Fatalf("order wrong: %v + %d = %v", dt, k, e)
		}
		m := int(n % 2000)
		em := dt.AddMonths(m)
		if got := em.MonthsSince(dt); got != m {
			t.Fatalf("%v.AddMonths(%d) = %v; MonthsSince = %d", dt, m, em, got)
		}
		if em.Day() > dt.Day() {
			t.Fatalf("%v.AddMonths(%d) = %v moved the day forward", dt, m, em)
		}
		if (em.Year()*12+int(em.Month()))-(dt.Year()*12+int(dt.Month())) != m {
			t.Fatalf("%v.AddMonths(%d) = %v: wrong month", dt, m, em)
		}
	})
}

func FuzzAgeOn(f *testing.F) {
	f.Add(int64(54786), int64(20000), int64(1))
	f.Add(int64(54845), int64(8000), int64(365))
	f.Fuzz(func(t *testing.T, b, a, delta int64) {
		birth := dateFrom(b)
		asOf := birth.AddDays(int(uint64(a) % 40000))
		later := asOf.AddDays(int(uint64(delta) % 4000))
		x, y := eligibility.AgeOn(birth, asOf), eligibility.AgeOn(birth, later)
		if x < 0 || y < x {
			t.Fatalf("AgeOn not monotone: born %v, %v → %d, %v → %d", birth, asOf, x, later, y)
		}
		// The birthday of the year of asOf is the day the age changes.
		bd := eligibility.BirthdayOn(birth, asOf.Year())
		want := asOf.Year() - birth.Year()
		if asOf.Before(bd) {
			want--
		}
		if x != want {
			t.Fatalf("AgeOn(%v, %v) = %d, want %d (birthday %v)", birth, asOf, x, want, bd)
		}
	})
}

func FuzzRetirement(f *testing.F) {
	f.Add(int64(41000), uint8(1))
	f.Add(int64(45000), uint8(3))
	f.Fuzz(func(t *testing.T, b int64, c uint8) {
		class := eligibility.RetirementClass(c%3 + 1)
		birth := dateFrom(b)
		base := class.BaseAge()
		rd := eligibility.RetirementDate(birth, class)
		if rd.Before(birth.AddYears(base)) || rd.After(birth.AddYears(base+5)) {
			t.Fatalf("RetirementDate(%v, %v) = %v outside [base, base+5]", birth, class, rd)
		}
		// Never before the base age: at most the clamped day of a 29
		// February birth, which the next day always reaches.
		if eligibility.AgeOn(birth, rd.AddDays(1)) < base {
			t.Fatalf("RetirementDate(%v, %v) = %v is before age %d", birth, class, rd, base)
		}
		y, m := eligibility.RetirementAge(birth, class)
		if rd.MonthsSince(birth) != y*12+m {
			t.Fatalf("RetirementDate(%v) = %v is not %d y %d m after birth", birth, rd, y, m)
		}
		// A later-born person never retires at a younger age.
		next := birth.AddMonths(1)
		y2, m2 := eligibility.RetirementAge(next, class)
		if y2*12+m2 < y*12+m || y2*12+m2 > y*12+m+1 {
			t.Fatalf("retirement age jumps from %d/%d to %d/%d between %v and %v", y, m, y2, m2, birth, next)
		}
	})
}

func FuzzClassify(f *testing.F) {
	f.Add(int64(48000), uint8(1), uint8(0), uint32(1), uint8(0), uint8(0), uint8(0), true, int64(100001), int32(-2), int64(63000))
	f.Add(int64(30000), uint8(2), uint8(4), uint32(0), uint8(2), uint8(2), uint8(2), true, int64(1000), int32(0), int64(63000))
	f.Add(int64(50000), uint8(1), uint8(4), uint32(4), uint8(2), uint8(1), uint8(1), false, int64(150000), int32(-2), int64(100))
	rb := shiyan()
	var (
		other    = groupOf(&rb, "other_uninsured")
		elderly  = groupOf(&rb, "elderly_back_pay")
		affluent = groupOf(&rb, "affluent_resident")
		hardship = groupOf(&rb, "hardship")
	)
	hardshipFlags := eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty | eligibility.FlagSevereDisability
	var reused eligibility.Classification
	f.Fuzz(func(t *testing.T, b int64, g, emp uint8, flags uint32, scheme, status, loc uint8, local bool, tierCoef int64, tierExp int32, on int64) {
		r := eligibility.Resident{
			Gender:       eligibility.Gender(g % 4),
			Birth:        dateFrom(b),
			Employment:   eligibility.Employment{Kind: eligibility.EmploymentKind(emp % 10), Platform: eligibility.PlatformKind(emp / 10 % 7)},
			Flags:        eligibility.Flags(flags),
			Insurance:    eligibility.Insurance{Scheme: eligibility.Scheme(scheme % 5), Status: eligibility.InsuranceStatus(status % 4), Location: eligibility.InsuranceLocation(loc % 5)},
			Hukou:        eligibility.Hukou{Local: local},
			ResidentTier: decimal.New(tierCoef, tierExp%40),
		}
		asOf := d("2023-01-01").AddDays(int(uint64(on) % 365))
		c := rb.Classify(r, asOf)
		if c.Groups.Has(other) && c.Groups.Len() != 1 {
			t.Fatalf("residual group 八 with others: {%s}", rb.Keys(c.Groups))
		}
		if c.Groups.Has(elderly) && (c.Age < 60 || !local) {
			t.Fatalf("elderly group at age %d, local %v", c.Age, local)
		}
		if c.Groups.Has(affluent) != (r.Insurance.Scheme == eligibility.SchemeResident && r.ResidentTier.GreaterThan(decimal.New(1000, 0))) {
			t.Fatalf("group 五 = %v for tier %v in %v", c.Groups.Has(affluent), r.ResidentTier, r.Insurance.Scheme)
		}
		inHardship := r.Flags&hardshipFlags != 0 && (r.Insurance.Scheme == eligibility.SchemeNone || r.Insurance.Scheme == eligibility.SchemeResident)
		if c.Groups.Has(hardship) != inHardship {
			t.Fatalf("group 六 = %v for flags %v in %v", c.Groups.Has(hardship), r.Flags, r.Insurance.Scheme)
		}
		n := 0
		for rs := range c.Reasons() {
			n++
			def, ok := rb.Group(rs.Group)
			if !ok || !c.Groups.Has(rs.Group) || rs.Key != def.Key || rs.Checks() == 0 || rs.Text(language.Chinese) == "" || rs.Text(language.English) == "" {
				t.Fatalf("bad reason %+v", rs)
			}
		}
		if n != c.Groups.Len() {
			t.Fatalf("%d reasons for {%s}", n, rb.Keys(c.Groups))
		}
		// Classifying into a value that held another resident gives the same.
		rb.ClassifyInto(&reused, &r, asOf)
		if reused != c {
			t.Fatalf("ClassifyInto gives {%s}, Classify {%s}", rb.Keys(reused.Groups), rb.Keys(c.Groups))
		}
	})
}

// FuzzTierAbove checks the tier condition against decimal.Cmp (safe for the
// small exponents fuzzed here) for any tier and threshold, including
// coefficients too long for the allocation-free path.
func FuzzTierAbove(f *testing.F) {
	f.Add(int64(100001), int8(-2), int64(1000), int8(0), uint8(0))
	f.Add(int64(1000), int8(0), int64(1), int8(3), uint8(0))
	f.Add(int64(999999999999999), int8(-12), int64(1000), int8(0), uint8(3))
	f.Add(int64(-5), int8(40), int64(7), int8(-40), uint8(20))
	f.Fuzz(func(t *testing.T, ca int64, ea int8, cb int64, eb int8, widen uint8) {
		a := decimal.New(ca, int32(ea))
		b := decimal.New(cb, int32(eb))
		if widen > 0 {
			// Lengthen a's coefficient without changing its value.
			w := int32(widen % 40)
			a = decimal.NewFromBigInt(a.Coefficient().Mul(a.Coefficient(), decimal.New(1, w).BigInt()), a.Exponent()-w)
		}
		rb := shiyan()
		set := 0
		for i := range rb.Groups {
			if rb.Groups[i].When.TierAbove.Valid {
				rb.Groups[i].When.TierAbove = decimal.NewNullDecimal(b)
				set++
			}
		}
		if set == 0 {
			t.Fatal("no group of the 石堰 rulebook has a tier condition")
		}
		r := eligibility.Resident{
			Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident},
			ResidentTier: a,
		}
		c := rb.Classify(r, asOf2023)
		if got, want := c.Groups.Has(groupOf(&rb, "affluent_resident")), a.Cmp(b) > 0; got != want {
			t.Errorf("tier %s above %s: got %v, want %v", a, b, got, want)
		}
		// Condition.Match alone agrees.
		cond := eligibility.Condition{TierAbove: decimal.NewNullDecimal(b)}
		if _, got := cond.MatchChecks(&r, asOf2023, -1, 55); got != (a.Cmp(b) > 0) {
			t.Errorf("Match: tier %s above %s: got %v", a, b, got)
		}
	})
}

// FuzzText feeds any text to the text forms of the package's enumerations,
// flags and age bands: what is accepted writes back as its key (or canonical
// form), which reads back as the same value; what is refused gives a
// *TextError whose input is cut and masked.
func FuzzText(f *testing.F) {
	for _, s := range []string{"resident", "城乡居民", " SchemeResident ", "male", "男", "", "not_found", "村组找不到人",
		"低保对象、重度残疾人", "minimum_living|0x40000000", "0", "16-59", "60+", "45", "59-16", "1-2-3",
		"11010519491231002X", "platform_worker", "快递小哥", "\u3000local\u3000", "female50"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		refused := func(what string, err error) {
			t.Helper()
			var te *vocab.TextError
			if !errors.As(err, &te) {
				t.Fatalf("%s(%q) error %v is not a *TextError", what, s, err)
			}
			// At most 40 bytes of the input and "…"; masking turns an
			// invalid byte into U+FFFD, so count characters.
			if utf8.RuneCountInString(te.Input) > 41 || utf8.ValidString(s) && (len(te.Input) > 40+len("…") || !utf8.ValidString(te.Input)) {
				t.Fatalf("%s(%q): input %q not cut at a character", what, s, te.Input)
			}
			if digitRun(te.Input) >= 10 {
				t.Fatalf("%s(%q): input %q not masked", what, s, te.Input)
			}
		}
		roundTrip(t, s, refused, new(eligibility.Gender))
		roundTrip(t, s, refused, new(eligibility.EmploymentKind))
		roundTrip(t, s, refused, new(eligibility.PlatformKind))
		roundTrip(t, s, refused, new(eligibility.Scheme))
		roundTrip(t, s, refused, new(eligibility.InsuranceStatus))
		roundTrip(t, s, refused, new(eligibility.InsuranceLocation))
		roundTrip(t, s, refused, new(eligibility.ContactStatus))
		roundTrip(t, s, refused, new(eligibility.HukouCondition))
		roundTrip(t, s, refused, new(eligibility.RetirementClass))
		roundTrip(t, s, refused, new(eligibility.Flags))
		roundTrip(t, s, refused, new(eligibility.AgeBand))
		var band eligibility.AgeBand
		if band.UnmarshalText([]byte(s)) == nil && (band.Min < 0 || band.Max < band.Min || band.Max > eligibility.MaxAge) {
			t.Fatalf("AgeBand %q = %v", s, band)
		}
		var fl eligibility.Flags
		if fl.UnmarshalText([]byte(s)) == nil && fl>>eligibility.NumFlags != 0 {
			t.Fatalf("Flags %q = %#x has undefined bits", s, uint32(fl))
		}
	})
}

// textValue is a value of the package with a text form.
type textValue interface {
	comparable
	MarshalText() ([]byte, error)
}

func roundTrip[T textValue, P interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, s string, refused func(string, error), p P) {
	t.Helper()
	if err := p.UnmarshalText([]byte(s)); err != nil {
		refused(fmt.Sprintf("%T.UnmarshalText", *p), err)
		return
	}
	text, err := (*p).MarshalText()
	if err != nil {
		t.Fatalf("%T %v: MarshalText: %v", *p, *p, err)
	}
	var back T
	if err := P(&back).UnmarshalText(text); err != nil || back != *p {
		t.Fatalf("%T: %q → %q → %v, %v", *p, s, text, back, err)
	}
}

// digitRun returns the length of the longest run of digits in s.
func digitRun(s string) int {
	run, longest := 0, 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
