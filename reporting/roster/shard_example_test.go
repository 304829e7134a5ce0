package roster_test

import (
	"fmt"

	"github.com/canbao/kuomian/reporting/roster"
)

func ExampleNewShards() {
	data := []byte("姓名,身份证号码\n张三,500115197803150011\n李四,500115197802300011\n")
	sh, err := roster.NewShards(data, roster.Options{}, 2, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rr := range sh.Readers() { // each may run on a goroutine of its own
		for row, err := range rr.All() {
			if err != nil {
				fmt.Println(err.(*roster.RowError).Line, "rejected")
				continue
			}
			fmt.Println(row.Line, "accepted")
		}
	}
	rep, err := sh.Report()
	fmt.Println(rep.Counts, err)
	// Output:
	// 2 accepted
	// 3 rejected
	// 读入 2 行 = 接收 1 行 + 拒收 1 行 (平衡) <nil>
}
