package monthly_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/monthly"
)

func TestReadTasks(t *testing.T) {
	for _, c := range []struct {
		name, in  string
		want      map[string]int64
		wantCells map[string]monthly.TaskCell
		wantErr   string
	}{
		{name: "plain", in: "村(社区),任务数\n石堰村,12\n桃花村,8\n合计,20\n",
			want:      map[string]int64{"石堰村": 12, "桃花村": 8},
			wantCells: map[string]monthly.TaskCell{"石堰村": {2, 1}, "桃花村": {3, 1}}},
		{name: "title rows, full-width, other headers", in: "石堰镇任务分解表\n\n序号,村别,2023年任务数\n1,石堰村,１２\n\n2,桃花村,0\n",
			want:      map[string]int64{"石堰村": 12, "桃花村": 0},
			wantCells: map[string]monthly.TaskCell{"石堰村": {4, 2}, "桃花村": {6, 2}}},
		{name: "total wrong", in: "村(社区),任务数\n石堰村,12\n合计,13\n",
			wantErr: "t.csv 第 3 行，任务数：合计 13 与各村之和 12 不符"},
		{name: "not a number", in: "村(社区),任务数\n石堰村,十二\n",
			wantErr: "t.csv 第 2 行，任务数：“十二”不是非负整数"},
		{name: "negative", in: "村(社区),任务数\n石堰村,-1\n",
			wantErr: "t.csv 第 2 行，任务数：“-1”不是非负整数"},
		{name: "twice", in: "村(社区),任务数\n石堰村,1\n石堰村,2\n",
			wantErr: "t.csv 第 3 行，村(社区)：“石堰村”与第 2 行重复"},
		{name: "empty village", in: "村(社区),任务数\n,2\n",
			wantErr: "t.csv 第 2 行，村(社区)：村(社区)为空"},
		{name: "half a header", in: "村(社区),人数\n",
			wantErr: "t.csv 第 1 行：表头须有“村(社区)”和“任务数”两列"},
		{name: "no header", in: "甲,乙\n1,2\n",
			wantErr: "t.csv：找不到表头（须有“村(社区)”和“任务数”两列）"},
		{name: "overflow", in: "村(社区),任务数\n甲,9223372036854775807\n乙,1\n",
			wantErr: "t.csv 第 3 行，任务数：各村任务数之和超出范围"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, cells, err := monthly.ReadTasks("t.csv", []byte(c.in))
			if c.wantErr != "" {
				var te *monthly.TaskFileError
				if !errors.As(err, &te) || err.Error() != c.wantErr {
					t.Fatalf("error %v, want *TaskFileError %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("tasks (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.wantCells, cells); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
}

// Bytes that are neither UTF-8 nor GB18030 are a *TaskFileError wrapping
// the decoder's error.
func TestReadTasksBadBytes(t *testing.T) {
	_, _, err := monthly.ReadTasks("t.csv", []byte("村(社区),任务数\n\xff\xff,1\n"))
	var de *codec.DecodeError
	var te *monthly.TaskFileError
	if !errors.As(err, &te) || !errors.As(err, &de) {
		t.Fatalf("error %T %v, want a *TaskFileError wrapping a *codec.DecodeError", err, err)
	}
}

// FuzzReadTasks: any bytes give tasks that sum to a stated 合计 and one
// cell per village, or a *TaskFileError; never a panic.
func FuzzReadTasks(f *testing.F) {
	f.Add([]byte("村(社区),任务数\n石堰村,12\n桃花村,8\n合计,20\n"))
	f.Add([]byte("标题\n村别,2023年任务数\n石堰村,１２\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tasks, cells, err := monthly.ReadTasks("f.csv", data)
		if err != nil {
			var te *monthly.TaskFileError
			if !errors.As(err, &te) {
				t.Fatalf("error %T %v is not a *TaskFileError", err, err)
			}
			return
		}
		if len(tasks) != len(cells) {
			t.Fatalf("%d tasks, %d cells", len(tasks), len(cells))
		}
		for v, n := range tasks {
			if n < 0 || v == "" || cells[v].Line < 1 || cells[v].Column < 1 {
				t.Fatalf("village %q: task %d at %+v", v, n, cells[v])
			}
		}
	})
}
