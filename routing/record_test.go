package routing_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
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
			if err := routing.EncodeRecord(&b, routing.NewRecord(dec, tt.r)); err != nil {
				t.Fatal(err)
			}
			golden(t, "records/"+tt.name+".json", b.Bytes())
			s := b.String()
			for _, secret := range []string{tt.r.Name, tt.r.ID.String(), tt.r.Birth.String(), tt.r.Birth.Compact()} {
				if secret != "" && strings.Contains(s, secret) {
					t.Errorf("record contains personal data %q", secret)
				}
			}
			var back routing.Record
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.RecordVersion != routing.RecordVersion {
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
	if routing.FactsDigest(a) != routing.FactsDigest(b) {
		t.Error("name and village must not change the digest")
	}
	// Facts stated directly and facts read from the ID number digest alike.
	c := eligibility.Resident{ID: eligibility.MustParseIDNumber("110105197408010013"), Hukou: eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed}}
	e := man("1974-08-01", eligibility.NotEmployed)
	if routing.FactsDigest(c) != routing.FactsDigest(e) {
		t.Error("effective facts should give the same digest")
	}
	seen := map[string]string{routing.FactsDigest(a): "base"}
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
		dg := routing.FactsDigest(r)
		if prev, dup := seen[dg]; dup {
			t.Errorf("variant %s has the digest of %s", name, prev)
		}
		seen[dg] = name
		if !strings.HasPrefix(dg, "sha256:") || len(dg) != len("sha256:")+64 {
			t.Errorf("digest %q", dg)
		}
	}
	if !strings.HasPrefix(routing.CanonicalFacts(a), routing.FactsVersion+"\nbirth=1980-01-01\ngender=male\n") {
		t.Errorf("CanonicalFacts = %q", routing.CanonicalFacts(a))
	}
}
