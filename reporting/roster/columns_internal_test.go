package roster

import "testing"

// TestNormalizeHeader checks that headers carrying a note on the format
// compare as their columns' names, while names with parentheses keep them.
func TestNormalizeHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"身份证号码（18位）", "身份证号码"},
		{"出生日期(yyyy-mm-dd)", "出生日期"},
		{"性别（男/女）", "性别"},
		{"缴费档次（元）", "缴费档次"},
		{"*姓名*", "姓名"},
		{"姓名（必填）", "姓名"},
		{"村（社区）", "村(社区)"},
		{"村(居)委会", "村(居)委会"},
		{"镇（街道）聘用人员", "镇(街道)聘用人员"},
		{"(18位)", "(18位)"},
	}
	for _, tt := range tests {
		if got := normalizeHeader(tt.in); got != tt.want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
