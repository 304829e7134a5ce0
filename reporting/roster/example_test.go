package roster_test

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
)

// A township's roster export, as Excel saves it: Chinese headers (here with
// full-width parentheses and a full-width identity number), one row with a
// wrong check character and one without a name. Every row is accounted for.
func ExampleRead() {
	csvText := `姓名,身份证号码,村（社区）,就业状况,参保状态,缴费档次,民族
张三,500115197803150011,石堰村,未就业,未参保,,汉
李小红,５００１１５１９８５０６２０００２１,桃花村,新业态,城乡居民,1500,汉
王五,500115197803150012,石堰村,未就业,未参保,,汉
,500115196301010030,石堰村,未就业,未参保,,汉
`
	rep, err := roster.Read(strings.NewReader(csvText), roster.Options{Encoding: codec.Auto},
		func(row roster.Row) error {
			r := row.Resident
			fmt.Printf("line %d: %s %s %v tier %s\n", row.Line, r.ID.Masked(), r.Hukou.Village, r.EffectiveGender(), r.ResidentTier)
			return nil
		},
		func(e *roster.RowError) error {
			fmt.Println(e)
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Counts, "ignored:", rep.Ignored)
	// Output:
	// line 2: 500115********0011 石堰村 male tier 0
	// line 3: 500115********0021 桃花村 female tier 1500
	// reporting: roster line 4, column 身份证号码 "500115********0012": invalid identity number (eligibility: identity number "500115********0012": check character is 2, want 1)
	// reporting: roster line 5, column 姓名: required value is empty
	// 读入 4 行 = 接收 2 行 + 拒收 2 行 (平衡) ignored: [民族]
}

// A township names its columns its own way: the mapping is a value the
// caller changes.
func ExampleDefaultHeaders() {
	h := roster.DefaultHeaders()
	h["户主"] = roster.ColumnName
	h["证件号"] = roster.ColumnID
	rr, err := roster.NewReader(strings.NewReader("户主,证件号\n张三,500115197803150011\n"), roster.Options{Headers: h})
	if err != nil {
		fmt.Println(err)
		return
	}
	for row, err := range rr.All() {
		fmt.Println(row.Resident.Name, row.Resident.ID.Masked(), err)
	}
	fmt.Println(rr.Report().Columns)
	// Output:
	// 张三 500115********0011 <nil>
	// [姓名 公民身份号码]
}

// Rejected rows carry a sentinel for errors.Is and the underlying cause for
// errors.As.
func ExampleRowError() {
	csvText := "姓名,身份证号码\n张三,500115197802300011\n"
	_, _ = roster.Read(strings.NewReader(csvText), roster.Options{}, nil, func(e *roster.RowError) error {
		var idErr *eligibility.IDError
		fmt.Println(errors.Is(e, roster.ErrInvalidID), errors.As(e, &idErr), idErr.Err, e.Value)
		return nil
	})
	// Output:
	// true true identity number has an invalid birth date 500115********0011
}

// The reasons a township official reads: in Chinese, with the value masked.
// An identity number that Excel turned into 1.10105E+17 has lost its last
// digits, and the message says what to do.
func ExampleRowError_Label() {
	csvText := "姓名,身份证号码,缴费档次\n张小三,1.10105E+17,\n李四,500115197803150012,\n王五,500115197803150011,一千\n"
	_, _ = roster.Read(strings.NewReader(csvText), roster.Options{}, nil, func(e *roster.RowError) error {
		fmt.Println(e.Label(language.Chinese))
		return nil
	})
	// Output:
	// 第 2 行，身份证号码“***********”：身份证号码无效（位数不对：11 位，应为 18 位（或 15 位旧号码）；如果 Excel 把号码显示成 1.10105E+17 这样的科学计数，末几位已经丢失，请把该列设为“文本”、补全号码后重新导出）
	// 第 3 行，身份证号码“500115********0012”：身份证号码无效（校验码是 2，按前 17 位应为 1）
	// 第 4 行，缴费档次“一千”：数字无效
}
