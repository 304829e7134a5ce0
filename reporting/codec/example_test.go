package codec_test

import (
	"fmt"
	"strings"

	"github.com/canbao/kuomian/reporting/codec"
)

func ExampleNewScanner() {
	sc, err := codec.NewScanner(strings.NewReader("姓名,备注\n张三,\"说明, 含逗号\"\n"), codec.Auto)
	if err != nil {
		fmt.Println(err)
		return
	}
	for sc.Scan() {
		fmt.Println(sc.Line(), len(sc.Fields()), string(sc.Fields()[1]))
	}
	fmt.Println(sc.Encoding(), sc.Err())
	// Output:
	// 1 2 备注
	// 2 2 说明, 含逗号
	// utf-8 <nil>
}

func ExampleAppendRecord() {
	rec := codec.AppendRecord(nil, []string{"=1+1", "a,b", "-5"}, func(i int) bool { return i == 2 })
	fmt.Printf("%q\n", rec)
	// Output:
	// "'=1+1,\"a,b\",-5\r\n"
}
