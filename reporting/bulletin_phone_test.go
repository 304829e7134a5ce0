package reporting_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

func phoneBulletin(t *testing.T) []byte {
	t.Helper()
	b, err := reporting.NewBulletin(reporting.BulletinInput{
		Title: "石堰镇基本养老保险参保扩面工作进度通报", Town: "石堰镇",
		AsOf:   eligibility.MustParseDate("2023-05-31"),
		Policy: routing.Shiyan2023(),
		Units: []reporting.Progress{
			{Name: "桃花村", Task: 54, Enrolled: 31, Month: &reporting.MonthFigures{New: 15, Lost: 4, Previous: 20, NewEmployee: 7}},
			{Name: "楠木村", Task: 59, Enrolled: 20, Month: &reporting.MonthFigures{New: 11, Lost: 2, Previous: 11, NewEmployee: 6}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.Render(&out, table.FormatHTML, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// The HTML bulletin is read on phones (390 px wide): every cell carries its
// column's header, so that on a narrow screen each village becomes a card
// with every figure labelled — the 状态 column included — instead of a
// table whose last columns are off-screen; the chart keeps its own size and
// scrolls instead of shrinking its labels; the month's movement is shown.
func TestBulletinPageOnPhones(t *testing.T) {
	page := string(phoneBulletin(t))
	for _, want := range []string{
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`@media (max-width:640px)`,
		`td::before{content:attr(data-label)`,
		`figure svg{max-width:none;width:auto}`,
		`data-label="状态"`,
		`data-label="本月新增"`,
		`本月新增（人）`,
		`完成率较上月`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Every body and total cell is labelled.
	cells := regexp.MustCompile(`<td [^>]*>`).FindAllString(page, -1)
	if len(cells) == 0 {
		t.Fatal("no cells")
	}
	for _, c := range cells {
		if !strings.Contains(c, `data-label="`) {
			t.Errorf("cell without a label: %s", c)
		}
	}
}

// With Chromium installed (Debian's chromium package), the page is laid out
// in a frame 390 px wide (headless Chromium's own window is at least 500
// px): the 状态 of the first village must be on screen, and the chart's
// village labels at least 12 px high (the old layout put 状态 at 759 px and
// shrank the labels to 8 px). Without Chromium the test is skipped; the
// structure test above runs everywhere.
func TestBulletinPageInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.html"), phoneBulletin(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wrap := `<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="b.html" style="width:390px;height:900px;border:0"></iframe><pre id="probe"></pre>
<script>document.getElementById('f').onload=function(){var d=document.getElementById('f').contentDocument;
var st=d.querySelector('tbody tr td:last-child').getBoundingClientRect();
var lbl=d.querySelector('svg text.lbl');
document.getElementById('probe').textContent='CW='+d.documentElement.clientWidth+' STATUS='+Math.round(st.right)+' LABEL='+Math.round(lbl.getBoundingClientRect().height);}</script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "wrap.html"), []byte(wrap), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=800,1000", "--virtual-time-budget=5000",
		"--dump-dom", "file://"+filepath.Join(dir, "wrap.html")).Output()
	if err != nil {
		t.Skipf("chromium did not run: %v", err)
	}
	m := regexp.MustCompile(`CW=(\d+) STATUS=(\d+) LABEL=(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no measurement in the DOM dump")
	}
	cw, status, label := atoi(t, m[1]), atoi(t, m[2]), atoi(t, m[3])
	if status > cw {
		t.Errorf("状态 ends at %d px, beyond the %d px screen", status, cw)
	}
	if label < 12 {
		t.Errorf("chart labels are %d px high, want at least 12", label)
	}
}

func atoi(t *testing.T, b []byte) int {
	t.Helper()
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}
