package routing_test

import (
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
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
