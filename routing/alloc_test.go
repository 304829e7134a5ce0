package routing_test

import (
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

// TestRouteDoesNotAllocate guards the 0 allocs/op target of BenchmarkRoute
// in the normal test run (benchmarks only smoke-run in CI).
func TestRouteDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	r := man("1978-06-01", eligibility.PlatformWorker)
	r.Flags = eligibility.FlagCollegeGraduate | eligibility.FlagVillageCadre
	r.Contact = eligibility.ContactNotFound
	asOf := d("2023-06-01")
	if n := testing.AllocsPerRun(100, func() {
		if _, err := rt.Route(r, asOf); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Router.Route allocates %v times per call, want 0", n)
	}
}
