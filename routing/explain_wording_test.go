package routing_test

import (
	"strings"
	"testing"

	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// TestExplainWording checks phrases a 社保所 officer reads in Explain: a
// fallback of 已参保 says what the person keeps, an unknown gender is named
// as such, and several groups are separated by ； because the groups' own
// names contain 、.
func TestExplainWording(t *testing.T) {
	const src = `policy: shiyan-2023

case: affluent
as of: 2023-06-01
gender: 男
birth: 1980-03-03
hukou: local
insured: resident
status: active
location: in_district
tier: 1200
expect scheme: employee

case: no gender
as of: 2023-06-01
birth: 1980-03-03
hukou: local
employment: 未就业
flags: extreme_poverty
expect scheme: resident

case: two groups
as of: 2023-06-01
gender: 女
birth: 1960-03-03
hukou: local
employment: 未就业
flags: 低保对象
expect scheme: resident
`
	cs, err := routing.ParseCases(strings.NewReader(src), "inline")
	if err != nil {
		t.Fatal(err)
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
		{language.Chinese, []string{"扩面重点人群：低保对象、特困人员、重度残疾人员等缴费困难群体；60周岁以上超龄未参保本地户籍老年居民"}, nil},
	}
	caseOf := []int{0, 0, 1, 1, 2}
	for i, tt := range tests {
		c := cs[caseOf[i]]
		t.Run(c.Name+"/"+tt.tag.String(), func(t *testing.T) {
			d, err := rt.Route(c.Resident, c.AsOf)
			if err != nil {
				t.Fatal(err)
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
