package policytest_test

import (
	"fmt"
	"strings"

	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/policytest"
)

func Example() {
	const cases = `# 石堰府发〔2023〕10号 四(二): 男45岁以下 / 男45岁以上
policy: shiyan-2023

case: 男44周岁，45岁生日前一天
as of: 2023-06-01
gender: 男
birth: 1978-06-02
hukou: local
employment: 未就业
expect scheme: 企业职工基本养老保险
expect channel: 以灵活就业人员身份参保
expect groups: 八
expect citations: 四(二)

用例：低保对象，45周岁
基准日：2023-06-01
性别：女
出生日期：1978-01-01
户籍：本区户籍
身份标记：低保对象
预期险种：城乡居民
预期渠道：政府代缴
预期人群：hardship
`
	cs, err := policytest.ParseCases(strings.NewReader(cases), "shiyan.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, res := range policytest.RunCases(routing.MustCompile(routing.Shiyan2023()), cs) {
		fmt.Println(res)
	}

	_, err = policytest.ParseCases(strings.NewReader("case: a\nas of: 2023-06-01\nexpect scheme: 企业职公\n"), "typo.txt")
	fmt.Println(err)
	// Output:
	// shiyan.txt:4: case "男44周岁，45岁生日前一天": ok
	// shiyan.txt:15: case "低保对象，45周岁": ok
	// typo.txt:3: "expect scheme": unknown outcome "企业职公" (did you mean "企业职工"?)
}
