package audit_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/audit"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestRecordGolden(t *testing.T) {
	lu := routing.MustCompile(routing.Luodong2019())
	sy := routing.MustCompile(routing.Shiyan2023())
	landed := man("1969-05-05", eligibility.NotEmployed)
	landed.ID = eligibility.MustParseIDNumber("110105196905050011")
	landed.Name = "张三"
	landed.Flags = eligibility.FlagLandAcquired
	affluent := woman("1980-03-03", eligibility.NotEmployed)
	affluent.Name = "李四"
	affluent.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
	affluent.ResidentTier = decimal.RequireFromString("1000.01")
	affluent.Contact = eligibility.ContactNotFound
	tests := []struct {
		name string
		rt   *routing.Router
		r    eligibility.Resident
		asOf string
	}{
		{"luodong-land-acquired", lu, landed, "2019-08-01"},
		{"shiyan-affluent-not-found", sy, affluent, "2023-06-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := tt.rt.Route(tt.r, d(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := audit.EncodeRecord(&b, audit.NewRecord(dec, tt.r)); err != nil {
				t.Fatal(err)
			}
			golden(t, "records/"+tt.name+".json", b.Bytes())
			s := b.String()
			for _, secret := range []string{tt.r.Name, tt.r.ID.String(), tt.r.Birth.String(), tt.r.Birth.Compact()} {
				if secret != "" && strings.Contains(s, secret) {
					t.Errorf("record contains personal data %q", secret)
				}
			}
			var back audit.Record
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.RecordVersion != audit.RecordVersion {
				t.Errorf("record does not decode: %v", err)
			}
		})
	}
}

func TestFactsDigest(t *testing.T) {
	a := man("1980-01-01", eligibility.NotEmployed)
	b := a
	b.Name = "王五"
	b.Hukou.Village = "振兴村"
	if audit.FactsDigest(a) != audit.FactsDigest(b) {
		t.Error("name and village must not change the digest")
	}
	// Facts stated directly and facts read from the ID number digest alike.
	c := eligibility.Resident{ID: eligibility.MustParseIDNumber("110105197408010013"), Hukou: eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed}}
	e := man("1974-08-01", eligibility.NotEmployed)
	if audit.FactsDigest(c) != audit.FactsDigest(e) {
		t.Error("effective facts should give the same digest")
	}
	seen := map[string]string{audit.FactsDigest(a): "base"}
	variants := map[string]func(r *eligibility.Resident){
		"birth":    func(r *eligibility.Resident) { r.Birth = d("1980-01-02") },
		"gender":   func(r *eligibility.Resident) { r.Gender = eligibility.Female },
		"hukou":    func(r *eligibility.Resident) { r.Hukou.Local = false },
		"employ":   func(r *eligibility.Resident) { r.Employment.Kind = eligibility.Student },
		"platform": func(r *eligibility.Resident) { r.Employment.Platform = eligibility.PlatformCourier },
		"licence":  func(r *eligibility.Resident) { r.Employment.Licence = "律师" },
		"insured":  func(r *eligibility.Resident) { r.Insurance.Scheme = eligibility.SchemeResident },
		"status":   func(r *eligibility.Resident) { r.Insurance.Status = eligibility.StatusSuspended },
		"location": func(r *eligibility.Resident) { r.Insurance.Location = eligibility.OutsideCity },
		"tier":     func(r *eligibility.Resident) { r.ResidentTier = decimal.NewFromInt(1000) },
		"flags":    func(r *eligibility.Resident) { r.Flags = eligibility.FlagRetiredFisher },
		"flags2":   func(r *eligibility.Resident) { r.Flags = 1 << 20 },
		"land":     func(r *eligibility.Resident) { r.LandAcquiredOn = d("2019-01-01") },
		"contact":  func(r *eligibility.Resident) { r.Contact = eligibility.ContactNotLocal },
	}
	for name, f := range variants {
		r := a
		f(&r)
		dg := audit.FactsDigest(r)
		if prev, dup := seen[dg]; dup {
			t.Errorf("variant %s has the digest of %s", name, prev)
		}
		seen[dg] = name
		if !strings.HasPrefix(dg, "sha256:") || len(dg) != len("sha256:")+64 {
			t.Errorf("digest %q", dg)
		}
	}
	if !strings.HasPrefix(audit.CanonicalFacts(a), audit.FactsVersion+"\nbirth=1980-01-01\ngender=male\n") {
		t.Errorf("CanonicalFacts = %q", audit.CanonicalFacts(a))
	}
}

// idFor builds a valid identity number for a birth date and gender (check
// character by ISO 7064 MOD 11-2), or the zero IDNumber.
func idFor(birth eligibility.Date, g eligibility.Gender) eligibility.IDNumber {
	if birth.IsZero() || g == eligibility.GenderUnknown {
		return eligibility.IDNumber{}
	}
	seq := "002"
	if g == eligibility.Male {
		seq = "001"
	}
	s := "350583" + birth.Compact() + seq
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	id, err := eligibility.ParseIDNumber(s + string("10X98765432"[sum%11]))
	if err != nil {
		return eligibility.IDNumber{}
	}
	return id
}

// TestRecordsHoldNoPersonalData routes a few thousand generated residents
// under both presets, each with a name, a village, a 户籍地, a licence and an
// identity number, and scans each encoded record for any of them and for
// the birth date in every form.
func TestRecordsHoldNoPersonalData(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 0
	for _, c := range riCases() {
		for range 1500 {
			r := riRandom(rng)
			r.Name = "欧阳娜娜"
			r.Hukou.Area = "福建省泉州市南安市罗东镇"
			r.Hukou.Village = "霞山村"
			r.Employment.Licence = "注册会计师"
			if rng.IntN(2) == 0 {
				// The facts come from the identity number alone.
				r.ID = idFor(r.Birth, r.Gender)
				if !r.ID.IsZero() {
					r.Birth, r.Gender = eligibility.Date{}, eligibility.GenderUnknown
				}
			}
			asOf := c.from.AddDays(rng.IntN(c.days))
			dec, err := c.rt.Route(r, asOf)
			if err != nil {
				continue
			}
			n++
			var b bytes.Buffer
			if err := audit.EncodeRecord(&b, audit.NewRecord(dec, r)); err != nil {
				t.Fatal(err)
			}
			birth := r.EffectiveBirth()
			secrets := []string{r.Name, r.Hukou.Area, r.Hukou.Village, r.Employment.Licence}
			if birth != asOf { // a record states its as-of date
				secrets = append(secrets, birth.String(), strings.ReplaceAll(birth.String(), "-", "/"))
			}
			if !r.ID.IsZero() {
				secrets = append(secrets, r.ID.String(), r.ID.Masked(), r.ID.String()[:6]+r.ID.String()[6:14])
			}
			// The digest is blanked: 64 hex digits may hold any 8-digit
			// date by chance.
			js := b.String()
			if i := strings.Index(js, "sha256:"); i >= 0 {
				js = js[:i] + js[i+len("sha256:")+64:]
			}
			if birth != asOf {
				secrets = append(secrets, birth.Compact())
			}
			for _, s := range secrets {
				if s != "" && strings.Contains(js, s) {
					t.Fatalf("%s: record contains personal data %q:\n%s", c.name, s, b.String())
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d records scanned", n)
	}
}

// TestRecordStable checks that a record does not depend on how the facts
// were written (flag order, labels or keys, trailing zeros of the tier) nor
// on what was routed before it.
func TestRecordStable(t *testing.T) {
	resident := func(flags, tier string) eligibility.Resident {
		r := woman("1980-03-03", eligibility.EmploymentUnknown)
		r.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
		if err := r.Flags.UnmarshalText([]byte(flags)); err != nil {
			t.Fatal(err)
		}
		r.ResidentTier = decimal.RequireFromString(tier)
		return r
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	record := func(r eligibility.Resident) string {
		dec, err := rt.Route(r, d("2023-06-01"))
		if err != nil {
			t.Fatal(err)
		}
		if dec.Outcome != routing.OutcomeEmployee {
			t.Fatalf("tier %s: %v, want employee (二(五))", r.ResidentTier, dec)
		}
		var b bytes.Buffer
		if err := audit.EncodeRecord(&b, audit.NewRecord(dec, r)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	want := record(resident("land_acquired, village_cadre", "1200"))
	for _, in := range []struct{ flags, tier string }{
		{"village_cadre, land_acquired", "1200"},
		{"村(社区)干部、被征地人员", "1200.00"},
		{"被征地人员|village_cadre", "1200.0"},
		{"FlagVillageCadre/新征地人员", "12e2"},
	} {
		if got := record(resident(in.flags, in.tier)); got != want {
			t.Errorf("record differs for flags %q tier %s (-want +got):\n%s", in.flags, in.tier, cmp.Diff(want, got))
		}
	}
	// A different tier or flag is a different record.
	if record(resident("land_acquired, village_cadre", "1200.01")) == want || record(resident("land_acquired", "1200")) == want {
		t.Error("records of different facts are equal")
	}
	// Routing others in between changes nothing.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		_, _ = rt.Route(riRandom(rng), d("2023-01-01").AddDays(rng.IntN(365)))
	}
	if got := record(resident("land_acquired, village_cadre", "1200")); got != want {
		t.Errorf("record changed after routing other residents:\n%s", cmp.Diff(want, got))
	}
}
