package monthly

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/canbao/kuomian/reporting/codec"
)

// TaskCell is where a village's row is in a task table: its line and the
// 1-based column of its 村(社区) cell.
type TaskCell struct {
	Line, Column int
}

// TaskFileError is a task table that cannot be read. Its message is in
// Chinese, for the township staff who wrote the file, and names the file,
// the line and the column: "任务.csv 第 4 行，任务数：“十”不是非负整数".
type TaskFileError struct {
	File   string // the file's base name
	Line   int    // 0 when the error is the whole file's
	Column string // the header as written; "" when the line is enough
	Msg    string // what is wrong, in Chinese
	Err    error  // a *codec.DecodeError or a CSV syntax error, or nil
}

func (e *TaskFileError) Error() string {
	if e.Err != nil {
		return e.File + ": " + e.Err.Error()
	}
	if e.Line == 0 {
		return e.File + "：" + e.Msg
	}
	s := e.File + " 第 " + strconv.Itoa(e.Line) + " 行"
	if e.Column != "" {
		s += "，" + e.Column
	}
	return s + "：" + e.Msg
}

// Unwrap returns e.Err.
func (e *TaskFileError) Unwrap() error { return e.Err }

// ReadTasks reads a 任务分解表 — the task table a township is given: CSV
// text (any encoding codec.Auto detects; an .xlsx file is read as CSV by
// reporting/xlsx first) with a 村(社区) column (also 村别, 村(居), 村, 社区)
// and a column whose header contains 任务数 (2023年任务数). Title rows above
// the header and empty rows are skipped. A 合计 (or 总计) row is checked
// against the sum of the villages'. It returns each village's 任务数 and
// where its row is; anything else — a task that is not a non-negative
// whole number, a village given twice or left empty, a 合计 that does not
// match, no header — is a *TaskFileError naming the line.
func ReadTasks(name string, data []byte) (tasks map[string]int64, cells map[string]TaskCell, err error) {
	sc, err := codec.NewBytesScanner(data, codec.Auto)
	if err != nil {
		return nil, nil, &TaskFileError{File: name, Err: err}
	}
	bad := func(line int, col, msg string) error {
		return &TaskFileError{File: name, Line: line, Column: col, Msg: msg}
	}
	vcol, tcol, tname := -1, -1, ""
	tasks, cells = map[string]int64{}, map[string]TaskCell{}
	var sum, stated int64
	statedLine := 0
	for sc.Scan() {
		fields := sc.Fields()
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = strings.TrimSpace(string(f))
		}
		if vcol < 0 {
			for i, c := range row {
				h := strings.ReplaceAll(width.Fold.String(c), " ", "")
				switch {
				case vcol < 0 && (h == "村(社区)" || h == "村别" || h == "村(居)" || h == "村" || h == "社区"):
					vcol = i
				case tcol < 0 && strings.Contains(h, "任务数"):
					tcol, tname = i, c
				}
			}
			if vcol >= 0 && tcol < 0 || vcol < 0 && tcol >= 0 {
				return nil, nil, bad(sc.Line(), "", "表头须有“村(社区)”和“任务数”两列")
			}
			continue // title rows until the header
		}
		if slices.IndexFunc(row, func(c string) bool { return c != "" }) < 0 {
			continue
		}
		v, t := "", ""
		if vcol < len(row) {
			v = row[vcol]
		}
		if tcol < len(row) {
			t = row[tcol]
		}
		n, err := strconv.ParseInt(width.Fold.String(t), 10, 64)
		if err != nil || n < 0 {
			return nil, nil, bad(sc.Line(), tname, "“"+t+"”不是非负整数")
		}
		switch {
		case v == "":
			return nil, nil, bad(sc.Line(), "村(社区)", "村(社区)为空")
		case v == "合计" || v == "总计":
			stated, statedLine = n, sc.Line()
			continue
		}
		if first, dup := cells[v]; dup {
			return nil, nil, bad(sc.Line(), "村(社区)", "“"+v+"”与第 "+strconv.Itoa(first.Line)+" 行重复")
		}
		if sum > (1<<63-1)-n {
			return nil, nil, bad(sc.Line(), tname, "各村任务数之和超出范围")
		}
		tasks[v] = n
		cells[v] = TaskCell{Line: sc.Line(), Column: vcol + 1}
		sum += n
	}
	if err := sc.Err(); err != nil {
		return nil, nil, &TaskFileError{File: name, Err: err}
	}
	if vcol < 0 {
		return nil, nil, &TaskFileError{File: name, Msg: "找不到表头（须有“村(社区)”和“任务数”两列）"}
	}
	if statedLine > 0 && stated != sum {
		return nil, nil, bad(statedLine, tname, "合计 "+strconv.FormatInt(stated, 10)+" 与各村之和 "+strconv.FormatInt(sum, 10)+" 不符")
	}
	return tasks, cells, nil
}
