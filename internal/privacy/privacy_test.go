package privacy_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/internal/privacy"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"identity number", "110105194912310021", "110105********0021"},
		{"identity number with X", "村11010519491231002X", "村110105********002X"},
		{"identity number in groups", "1101 0519 4901 0100 2X", "1101 05** **** **00 2X"},
		{"legacy 15 digits", "110105491231002", "11010******1002"},
		{"mobile phone", "电话13812345678", "电话138*****678"},
		{"mobile phone with hyphens", "138-1234-5678", "138-****-*678"},
		{"mobile phone with spaces", "138 1234 5678", "138 **** *678"},
		{"phone split by a line break", "138\n1234\n5678", "138\n****\n*678"},
		{"phone split by CR LF", "138\r\n1234\r\n5678", "138\r\n****\r\n*678"},
		{"phone split by an invisible space", "138\u200b1234\u200b5678", "138\u200b****\u200b*678"},
		{"phone split by an en dash", "138–1234–5678", "138–****–*678"},
		{"full-width digits", "１３８１２３４５６７８", "１３８*****６７８"},
		{"landline", "023-65123456", "023-*****456"},
		{"six digits", "123456", "12**56"},
		{"date", "2019-07-18", "2019-07-18"},
		{"two dates", "2019-07-18 至 2019-12-31", "2019-07-18 至 2019-12-31"},
		{"amount", "缴费1000.01元", "缴费1000.01元"},
		{"rate", "84.37%", "84.37%"},
		{"count below six digits", "已完成 99999 人", "已完成 99999 人"},
		{"count with separators", "任务 1,234,567 人", "任务 1,234,567 人"},
		{"document number", "罗政〔2019〕185号", "罗政〔2019〕185号"},
		{"letters X alone", "XXXXXX", "XXXXXX"},
		{"masked identity number unchanged", "110105********002X", "110105********002X"},
		{"masked phone unchanged", "138*****678", "138*****678"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := privacy.Numbers(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Numbers(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if again := privacy.Numbers(got); again != got {
				t.Errorf("Numbers is not idempotent: Numbers(%q) = %q", got, again)
			}
		})
	}
}

func TestNote(t *testing.T) {
	tests := []struct {
		name, note, resident, want string
	}{
		{"own name", "张学友本人电话13812345678", "张学友", "张*友本人电话138*****678"},
		{"own name with a space", "张 学友已走访", "张学友", "张*友已走访"},
		{"own name with a full-width space", "张　学友已走访", "张 学友", "张*友已走访"},
		{"name not in the note", "已走访 2023-06-30 缴费1500元", "张学友", "已走访 2023-06-30 缴费1500元"},
		{"identity number", "身份证1101 0519 4901 0100 2X", "李四", "身份证1101 05** **** **00 2X"},
		{"one-character name left", "李已走访", "李", "李已走访"},
		{"empty", "", "张三", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, privacy.Note(tt.note, tt.resident)); diff != "" {
				t.Errorf("Note(%q, %q) mismatch (-want +got):\n%s", tt.note, tt.resident, diff)
			}
		})
	}
}

// Quote stars the digits of a run of ten or more after the sixth, and
// turns what %q would escape into '?', so that a quoted message never
// carries ten digits in a row (FuzzParseCases found "\x0500000000V": its
// %q escape wrote "05" before eight zeros).
func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"出生日起", "出生日起"},
		{"110105197408010012", "110105************"},
		{"110105197408010012:x", "110105************:x"},
		{"１１０１０５１９７４０８０１００１２", "１１０１０５************"},
		{"123456789", "123456789"},
		{"\x0500000000V", "?00000000V"},
		{"a\u2028b", "a?b"},
		{"a\xffb", "a?b"},
		{"名\t字\n", "名\t字\n"},
		{"abcdefgh", "abcd…"},
	} {
		limit := 64
		if c.in == "abcdefgh" {
			limit = 4
		}
		got := privacy.Quote(c.in, limit)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Quote(%q) (-want +got):\n%s", c.in, diff)
		}
		if q := fmt.Sprintf("%q", got); hasTenDigits(q) {
			t.Errorf("Quote(%q) quoted is %s: ten digits in a row", c.in, q)
		}
	}
}

func hasTenDigits(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
			if n >= 10 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}
