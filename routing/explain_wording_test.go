package routing_test

import (
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// TestExplainWording checks phrases a 社保所 officer reads in Explain: a
// fallback of 已参保 says what the person keeps, an unknown gender is named
// as such, and several groups are separated by ； because the groups' own
// names contain 、.
func TestExplainWording(t *testing.T) {
	affluent := man("1980-03-03", eligibility.NotEmployed)
	affluent.Employment = eligibility.Employment{}
	affluent.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
	affluent.ResidentTier = decimal.NewFromInt(1200)
	noGender := eligibility.Resident{
		Birth: d("1980-03-03"), Hukou: eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
		Flags:      eligibility.FlagExtremePoverty,
	}
	twoGroups := woman("1960-03-03", eligibility.NotEmployed)
	twoGroups.Flags = eligibility.FlagMinimumLiving
	residents := []struct {
		name    string
		r       eligibility.Resident
		outcome routing.Outcome
		channel routing.Channel
	}{
		{"affluent", affluent, routing.OutcomeEmployee, routing.ChannelFlexible},
		{"no gender", noGender, routing.OutcomeResident, routing.ChannelProxyPay},
		{"two groups", twoGroups, routing.OutcomeResident, routing.ChannelBackPay},
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	tests := []struct {
		tag           language.Tag
		want, notWant []string
	}{
		{language.Chinese, []string{"不愿意时：维持原参保险种不变（已参保）。", "不愿意时：维持原参保险种不变（已参保）（石堰府发〔2023〕10号 二(五)）。"}, []string{"不愿意时：已参保"}},
		{language.English, []string{"If unwilling: stays in the scheme already joined (already covered)."}, nil},
		{language.Chinese, []string{"2023-06-01时43周岁（性别不明）。"}, []string{"（未知）"}},
		{language.English, []string{"Aged 43 on 2023-06-01 (gender unknown)."}, nil},
		{language.Chinese, []string{"扩面重点人群：低保对象、特困人员、重度残疾人员等缴费困难群体；60周岁以上超龄未参保的长寿户籍老年居民\n"}, nil},
		{language.English, []string{"Target groups: people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability); uninsured local (长寿) residents aged 60 or over (back payment)\n"}, nil},
	}
	residentOf := []int{0, 0, 1, 1, 2, 2}
	for i, tt := range tests {
		c := residents[residentOf[i]]
		t.Run(c.name+"/"+tt.tag.String(), func(t *testing.T) {
			d, err := rt.Route(c.r, d("2023-06-01"))
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != c.outcome || d.Channel != c.channel {
				t.Fatalf("Route = %v, want %s/%s", d, c.outcome, c.channel)
			}
			got := d.Explain(tt.tag)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Explain lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("Explain has %q:\n%s", w, got)
				}
			}
		})
	}
}
