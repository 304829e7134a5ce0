package reporting_test

import (
	"fmt"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// The roster of residents to enrol (扩面人员明细表), masked by default: each
// row as a routing.Router decides it (see [reporting.RouteRoster] for a
// whole file), its target groups named by the policy. The input's note is
// free text that may name anyone: the masked roster withholds it unless
// the caller asks for it (ShowInputNotes), and then masks the resident's
// name and every identity or phone number in it.
func ExampleRosterWriter() {
	rows, errs := []roster.Row{}, 0
	csvText := "姓名,身份证号码,村(社区),是否本区户籍,就业状况,参保状态,联系状况,备注\n张小三,500115197303150015,石堰村,是,未就业,未参保,找不到人,张 小三邻居称已外出 电话13812345678\n"
	_, err := roster.Read(strings.NewReader(csvText), roster.Options{},
		func(row roster.Row) error { rows = append(rows, row); return nil },
		func(*roster.RowError) error { errs++; return nil })
	if err != nil || errs > 0 {
		fmt.Println(err, errs)
		return
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	d, err := rt.Route(rows[0].Resident, eligibility.MustParseDate("2023-06-30"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out strings.Builder
	rw, err := reporting.NewRosterWriter(&out, codec.UTF8)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, opt := range []reporting.MaskOptions{{}, {ShowInputNotes: true}} {
		if err := rw.Write(reporting.NewRosterEntry(rows[0], &d, opt)); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := rw.Close(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(out.String(), "\r\n", "\n")) // the CSV has CRLF line ends
	// Output:
	// 序号,公民身份号码,姓名,性别,年龄,村(社区),扩面对象类别,去向(险种),参保渠道,办理地点,不愿参加时,补贴,后续工作,备注
	// 1,500115********0015,张*三,男,50,石堰村,八 其他应参未参人员,城乡居民基本养老保险,个人参保缴费,,,,到派出所核实真实户籍地；备注在扩面人员明细表；纳入进度通报,（原表有备注，未显示）
	// 2,500115********0015,张*三,男,50,石堰村,八 其他应参未参人员,城乡居民基本养老保险,个人参保缴费,,,,到派出所核实真实户籍地；备注在扩面人员明细表；纳入进度通报,张*三邻居称已外出 电话138*****678
}
