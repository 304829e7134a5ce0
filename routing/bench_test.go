package routing_test

import (
	"bytes"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// BenchmarkRoute routes one uninsured platform worker under 石堰府发〔2023〕10号,
// classification into target groups included.
// Target: ≤ 500 ns/op, 0 allocs/op.
func BenchmarkRoute(b *testing.B) {
	rt := routing.MustCompile(routing.Shiyan2023())
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105198503140021"),
		Hukou:      eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Flags:      eligibility.FlagCollegeGraduate,
		Contact:    eligibility.ContactNotFound,
	}
	asOf := eligibility.MustParseDate("2023-06-01")
	b.ReportAllocs()
	for b.Loop() {
		d, err := rt.Route(r, asOf)
		if err != nil || d.Outcome != routing.OutcomeEmployee {
			b.Fatal(d, err)
		}
	}
}

// BenchmarkRouteLuodong routes under 罗政〔2019〕185号, which uses no groups.
// Target: ≤ 200 ns/op, 0 allocs/op.
func BenchmarkRouteLuodong(b *testing.B) {
	rt := routing.MustCompile(routing.Luodong2019())
	r := man("1974-08-02", eligibility.NotEmployed)
	asOf := eligibility.MustParseDate("2019-08-01")
	b.ReportAllocs()
	for b.Loop() {
		d, err := rt.Route(r, asOf)
		if err != nil || d.Outcome != routing.OutcomeEmployee {
			b.Fatal(d, err)
		}
	}
}

// BenchmarkRouteDerived routes with age lines derived from the retirement
// schedule. Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkRouteDerived(b *testing.B) {
	rt := routing.MustCompile(routing.Luodong2019().WithDerivedAgeLines())
	r := man("1974-08-02", eligibility.NotEmployed)
	asOf := eligibility.MustParseDate("2019-08-01")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rt.Route(r, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExplain renders a whole explanation (done only on demand).
// Target: ≤ 30 µs/op.
func BenchmarkExplain(b *testing.B) {
	rt := routing.MustCompile(routing.Luodong2019())
	d, err := rt.Route(man("1974-08-02", eligibility.NotEmployed), eligibility.MustParseDate("2019-08-01"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d.Explain(language.Chinese) == "" {
			b.Fatal("empty")
		}
	}
}

// BenchmarkCompile validates and compiles the 石堰 preset.
// Target: ≤ 100 µs/op.
func BenchmarkCompile(b *testing.B) {
	p := routing.Shiyan2023()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := routing.Compile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPolicy reads the 石堰 preset from JSON, strictly.
// Target: ≤ 2 ms/op.
func BenchmarkLoadPolicy(b *testing.B) {
	var buf bytes.Buffer
	if err := routing.EncodePolicy(&buf, routing.Shiyan2023()); err != nil {
		b.Fatal(err)
	}
	js := buf.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := routing.LoadPolicy(bytes.NewReader(js)); err != nil {
			b.Fatal(err)
		}
	}
}
