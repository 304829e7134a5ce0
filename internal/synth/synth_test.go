package synth_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	opt := synth.Options{Seed: 42, Rows: 500, BadPerMille: 50}
	a, sa, err := synth.Generate(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, sb, _ := synth.Generate(opt)
	if !bytes.Equal(a, b) || sa != sb {
		t.Fatal("the same options gave different rosters")
	}
	opt.Seed = 43
	c, _, _ := synth.Generate(opt)
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same roster")
	}
	if sa.Rows != 500 || sa.Good+sa.BadRows() != 500 {
		t.Fatalf("Stats = %+v", sa)
	}
}

func TestGenerateOptions(t *testing.T) {
	for _, opt := range []synth.Options{{Rows: -1}, {BadPerMille: -1}, {BadPerMille: 1001}} {
		if _, _, err := synth.Generate(opt); !errors.Is(err, synth.ErrOptions) {
			t.Errorf("Generate(%+v) error = %v, want ErrOptions", opt, err)
		}
	}
	b, st, err := synth.Generate(synth.Options{})
	if err != nil || st.Rows != 0 || string(b) != synth.Header+"\n" {
		t.Errorf("Generate(zero) = %q, %+v, %v; want the header only", b, st, err)
	}
}

// TestGeneratedTownCoversEverything imports a generated roster and checks
// that its bad rows are exactly the ones rejected, that every target group
// and every boundary age is present, and that the identity numbers carry
// the sex and birth date the row states.
func TestGeneratedTownCoversEverything(t *testing.T) {
	asOf := eligibility.MustParseDate("2023-06-30")
	data, st, err := synth.Generate(synth.Options{Seed: 7, Rows: 3000, BadPerMille: 40, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	p := routing.Shiyan2023()
	rb := p.Rulebook()
	var groups eligibility.GroupSet
	ages := map[int]int{}
	villages := map[string]bool{}
	var rejected [synth.NumBadKinds]int
	rep, err := roster.Read(bytes.NewReader(data), roster.Options{Encoding: codec.Auto},
		func(row roster.Row) error {
			c := rb.Classify(row.Resident, asOf)
			groups |= c.Groups
			ages[c.Age]++
			villages[row.Resident.Hukou.Village] = true
			return nil
		},
		func(e *roster.RowError) error {
			switch {
			case errors.Is(e, eligibility.ErrIDCheck):
				rejected[synth.BadCheckDigit]++
			case errors.Is(e, eligibility.ErrIDDate):
				rejected[synth.BadDate]++
			case errors.Is(e, roster.ErrMissingValue) && e.Column == "姓名":
				rejected[synth.BadEmptyName]++
			case errors.Is(e, roster.ErrInvalidNumber) && e.Column == "缴费档次":
				rejected[synth.BadTier]++
			default:
				t.Errorf("unexpected rejection: %v", e)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts.Rows != st.Rows || rep.Counts.Accepted != st.Good || rejected != st.Bad {
		t.Errorf("import counts %+v, rejections %v; generator says %+v", rep.Counts, rejected, st)
	}
	for k := range synth.NumBadKinds {
		if st.Bad[k] == 0 {
			t.Errorf("no bad row of kind %v", k)
		}
	}
	if len(rb.Groups) == 0 {
		t.Fatal("the 石堰 policy has no target groups")
	}
	for i, gr := range rb.Groups {
		if !groups.Has(eligibility.Group(i + 1)) {
			t.Errorf("no resident in group %s (%s)", gr.Key, gr.Name)
		}
	}
	for _, a := range []int{44, 45, 46, 39, 40, 41, 59, 60, 61} {
		if ages[a] == 0 {
			t.Errorf("no resident aged %d on %v", a, asOf)
		}
	}
	if len(villages) != len(synth.DefaultVillages) {
		t.Errorf("%d villages, want %d", len(villages), len(synth.DefaultVillages))
	}
}

func BenchmarkGenerate(b *testing.B) {
	// Target: ≤ 1.5 µs per row (a million-row roster in about a second).
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := synth.Generate(synth.Options{Seed: 1, Rows: 100_000, BadPerMille: 10}); err != nil {
			b.Fatal(err)
		}
	}
}
