package routing_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/audit"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func addFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzLoadPolicy checks that LoadPolicy never panics, that what it accepts
// encodes and loads back unchanged, compiles, and routes without panicking.
func FuzzLoadPolicy(f *testing.F) {
	addFiles(f, filepath.Join("testdata", "policies", "*.json"))
	f.Add([]byte(`{"id":"x","rules":[{"id":"a","kind":"route","when":{"ages":"59-16"}}]}`))
	f.Add([]byte(`{"id":"x","version":"1","jurisdiction":"y","document":"z","effective":{"from":"2023-01-01","to":"2023-12-31"},` +
		`"age_lines":{"men":{"younger":{"age":45,"inclusive":false},"older":{"age":45,"inclusive":true},"stated":"s"},` +
		`"women":{"younger":{"age":40,"inclusive":false},"older":{"age":40,"inclusive":true},"stated":"s"},"citation":{"document":"z","clause":"1"}},` +
		`"groups":[{"key":"fisher","clause":"2","name":"退捕渔民","name_en":"fishers","when":{"flags_any":["retired_fisher"],"tier_above":1000}}],` +
		`"rules":[{"id":"a","kind":"route","when":{"groups_any":["fisher"],"ages":"16-59"},"outcome":"resident","channel":"self_pay",` +
		`"citation":{"document":"z","clause":"3"},"summary":"s","summary_en":"s"},` +
		`{"id":"b","kind":"route","when":{},"outcome":"not_eligible","citation":{"document":"z","clause":"4"},"summary":"s","summary_en":"s"}]}`))
	f.Add([]byte(`{"id": "x", "id": "y"}`))
	f.Add([]byte(`[]`))
	r := man("1980-05-05", eligibility.NotEmployed)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := routing.LoadPolicy(bytes.NewReader(data))
		if err != nil {
			var le *routing.LoadError
			var ve *routing.ValidationError
			if !errors.As(err, &le) && !errors.As(err, &ve) {
				t.Fatalf("LoadPolicy error %T %v is neither a LoadError nor a ValidationError", err, err)
			}
			return
		}
		var b bytes.Buffer
		if err := routing.EncodePolicy(&b, p); err != nil {
			t.Fatal(err)
		}
		back, err := routing.LoadPolicy(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("re-load of an accepted policy: %v\n%s", err, b.String())
		}
		if diff := cmp.Diff(p, back, dateCmp); diff != "" {
			t.Fatalf("round trip mismatch (-first +second):\n%s", diff)
		}
		rt, err := routing.Compile(p)
		if err != nil {
			t.Fatalf("Compile of a loaded policy: %v", err)
		}
		again, err := routing.Compile(back)
		if err != nil {
			t.Fatalf("Compile of a re-loaded policy: %v", err)
		}
		for _, asOf := range []eligibility.Date{p.Effective.From, p.Effective.To} {
			dec, err := rt.Route(r, asOf)
			dec2, err2 := again.Route(r, asOf)
			if routing.ErrorKey(err) != routing.ErrorKey(err2) || dec.String() != dec2.String() || dec.Groups != dec2.Groups {
				t.Fatalf("the policy and its re-loaded copy route differently: %v (%v) and %v (%v)", dec, err, dec2, err2)
			}
			if err == nil {
				if dec.Explain(language.Chinese) != dec2.Explain(language.Chinese) {
					t.Fatal("the policy and its re-loaded copy explain differently")
				}
				_ = audit.NewRecord(dec, r)
			}
		}
	})
}

// FuzzRoute checks the invariants of a decision on arbitrary facts: no
// panic, a known error or a complete decision, the same decision twice,
// and for the plain case of 罗政〔2019〕185号 二(二)2 the age line itself.
func FuzzRoute(f *testing.F) {
	f.Add(1974, 8, 2, uint8(1), uint8(6), uint8(0), uint8(0), uint8(0), uint8(0), uint32(0), uint8(0), true, int64(0), 10)
	f.Add(1963, 6, 1, uint8(2), uint8(6), uint8(0), uint8(0), uint8(0), uint8(0), uint32(1), uint8(2), true, int64(100001), 300)
	f.Add(1985, 3, 3, uint8(1), uint8(4), uint8(2), uint8(1), uint8(2), uint8(3), uint32(1<<10), uint8(3), false, int64(5), 0)
	lu := routing.MustCompile(routing.Luodong2019())
	sy := routing.MustCompile(routing.Shiyan2023())
	luFrom, syFrom := d("2019-07-18"), d("2023-01-01")
	f.Fuzz(func(t *testing.T, y, m, day int, gender, emp, platform, scheme, status, loc uint8, flags uint32, contact uint8, local bool, tierCents int64, offset int) {
		birth, err := eligibility.NewDate(y, time.Month(m), day)
		if err != nil {
			birth = eligibility.Date{}
		}
		r := eligibility.Resident{
			Name:         "司马相如",
			Gender:       eligibility.Gender(gender % 4),
			Birth:        birth,
			Hukou:        eligibility.Hukou{Local: local, Village: "蔡厝村"},
			Employment:   eligibility.Employment{Kind: eligibility.EmploymentKind(emp), Platform: eligibility.PlatformKind(platform)},
			Insurance:    eligibility.Insurance{Scheme: eligibility.Scheme(scheme), Status: eligibility.InsuranceStatus(status), Location: eligibility.InsuranceLocation(loc)},
			ResidentTier: decimal.New(tierCents, -2),
			Flags:        eligibility.Flags(flags),
			Contact:      eligibility.ContactStatus(contact),
		}
		if offset < 0 {
			offset = -offset
		}
		for _, c := range []struct {
			rt   *routing.Router
			asOf eligibility.Date
		}{{lu, luFrom.AddDays(offset % 530)}, {sy, syFrom.AddDays(offset % 365)}} {
			dec, err := c.rt.Route(r, c.asOf)
			if err != nil {
				if !errors.Is(err, routing.ErrNoBirthDate) && !errors.Is(err, routing.ErrBornAfterAsOf) &&
					!errors.Is(err, routing.ErrNoGender) && !errors.Is(err, routing.ErrNoRule) {
					t.Fatalf("unexpected error %v", err)
				}
				continue
			}
			switch dec.Outcome {
			case routing.OutcomeEmployee, routing.OutcomeResident:
				if dec.Channel == routing.ChannelNone {
					t.Fatalf("join without channel: %v", dec)
				}
			case routing.OutcomeCovered, routing.OutcomeNotEligible:
				if dec.Channel != routing.ChannelNone || !dec.Fallback.IsZero() || dec.Subsidies != 0 {
					t.Fatalf("non-join with channel, fallback or subsidy: %v", dec)
				}
			default:
				t.Fatalf("decision without outcome: %v", dec)
			}
			if dec.NumReasons() < 2 || dec.Dropped() != 0 {
				t.Fatalf("decision has %d reasons (%d dropped)", dec.NumReasons(), dec.Dropped())
			}
			again, _ := c.rt.Route(r, c.asOf)
			if again.String() != dec.String() || again.Explain(language.English) != dec.Explain(language.English) {
				t.Fatal("Route is not deterministic")
			}
			if strings.TrimSpace(dec.Explain(language.Chinese)) == "" {
				t.Fatal("empty explanation")
			}
			// Records carry no personal data. (The digest is blanked: 64 hex
			// digits may contain any 8-digit date by chance.)
			record := audit.NewRecord(dec, r)
			if !strings.HasPrefix(record.InputDigest, "sha256:") {
				t.Fatalf("digest %q", record.InputDigest)
			}
			record.InputDigest = ""
			var rec bytes.Buffer
			if err := audit.EncodeRecord(&rec, record); err != nil {
				t.Fatal(err)
			}
			for _, secret := range []string{r.Name, r.Hukou.Village, birth.Compact()} {
				if strings.Contains(rec.String(), secret) {
					t.Fatalf("record contains %q:\n%s", secret, rec.String())
				}
			}
			if birth != c.asOf && strings.Contains(rec.String(), birth.String()) && !birth.IsZero() {
				t.Fatalf("record contains the birth date:\n%s", rec.String())
			}
			// 石堰府发〔2023〕10号 三(二)2 and 二(一): an uninsured resident aged 16 to
			// 59 employed by a unit goes through the employer, a 低保/特困/重度残疾
			// one without an employer to 代缴 — never by the age line.
			if c.rt == sy && r.Insurance.Scheme == eligibility.SchemeNone && dec.Age >= 16 && dec.Age < 60 &&
				r.Employment.Kind != eligibility.Student {
				hardship := r.Flags&(eligibility.FlagMinimumLiving|eligibility.FlagExtremePoverty|eligibility.FlagSevereDisability) != 0
				switch {
				case r.Employment.Kind == eligibility.EmployedByUnit || r.Employment.Kind == eligibility.SmallBusinessEmployee:
					if dec.Channel != routing.ChannelEmployer {
						t.Fatalf("employed, uninsured, %d: %v, want the employer", dec.Age, dec)
					}
				case hardship:
					if dec.Channel != routing.ChannelProxyPay {
						t.Fatalf("hardship, not employed by a unit, %d: %v, want 代缴", dec.Age, dec)
					}
				}
			}
			// 石堰府发〔2023〕10号 二(六): 低保/特困/重度残疾 residents uninsured or
			// in 城乡居民 are in the hardship group, whatever their decision;
			// those in another scheme are not.
			if c.rt == sy {
				hardship, _ := lookup(sy, "hardship")
				flagged := r.Flags&(eligibility.FlagMinimumLiving|eligibility.FlagExtremePoverty|eligibility.FlagSevereDisability) != 0
				scheme := r.Insurance.Scheme == eligibility.SchemeNone || r.Insurance.Scheme == eligibility.SchemeResident
				if dec.Groups.Has(hardship) != (flagged && scheme) {
					t.Fatalf("flags %s, scheme %s: in hardship group %v", r.Flags, r.Insurance.Scheme, dec.Groups.Has(hardship))
				}
			}
			// 罗政〔2019〕185号 二(二)2 on its own: uninsured, not employed, no flags.
			if c.rt == lu && r.Insurance.Scheme == eligibility.SchemeNone && r.Employment.Kind == eligibility.NotEmployed &&
				r.Flags&eligibility.FlagLandAcquired == 0 && dec.Age >= 16 && dec.Age < 60 {
				line := 45
				if dec.Gender == eligibility.Female {
					line = 40
				}
				want := routing.OutcomeEmployee
				if dec.Age >= line {
					want = routing.OutcomeResident
				}
				if dec.Outcome != want {
					t.Fatalf("age %d (%s): outcome %s, want %s", dec.Age, dec.Gender, dec.Outcome, want)
				}
			}
		}
	})
}
