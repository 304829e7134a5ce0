package roster

import (
	"bytes"
	"testing"
)

func TestRowDecoderDoesNotAllocate(t *testing.T) {
	header := "姓名,身份证号码,性别,出生日期,村(社区),户籍地,是否本区户籍,就业状况,平台类型,执业资格,参保状态,缴费状态,参保地,缴费档次,身份标记,征地日期,联系状况"
	row := "王五,５００１１５１９６３０１０１００３０,男,1963-01-01,石堰村,重庆市长寿区,是,务农,,,城乡居民,正常缴费,本区,2000元,低保、被征地,2022年5月1日,找不到人"
	layout, err := newRosterLayout(bytes.Split([]byte(header), []byte(",")), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := newRowDecoder(layout)
	fields := bytes.Split([]byte(row), []byte(","))
	var out Row
	decode := func() {
		if e := d.decode(fields, 2, &out); e != nil {
			t.Fatal(e)
		}
	}
	decode() // fill the intern tables
	if allocs := testing.AllocsPerRun(100, decode); allocs > 1 {
		t.Errorf("decoding a valid row allocates %v times, want at most 1 (the name)", allocs)
	}
	if out.Resident.Hukou.Village != "石堰村" || out.Resident.ResidentTier.String() != "2000" || out.Resident.Name != "王五" {
		t.Errorf("decoded %+v", out.Resident)
	}
}
