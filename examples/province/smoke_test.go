package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
)

func splitKV(line string, emit func(string, int)) {
	k, _, _ := strings.Cut(line, ",")
	emit(k, 1)
}

func formatKV(k string, n int) string { return k + "=" + strings.Repeat("|", n) }

func init() {
	register.Function2x0(splitKV)
	register.Emitter2[string, int]()
	register.Function2x1(formatKV)
}

func TestSmokePrism(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte("a,1\nb,2\na,3\n"), 0o600)
	out := filepath.Join(dir, "out.txt")
	p, s := beam.NewPipelineWithRoot()
	lines := textio.Read(s, in)
	kv := beam.ParDo(s, splitKV, lines)
	sum := stats.SumPerKey(s, kv)
	textio.Write(s, out, beam.ParDo(s, formatKV, sum))
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(out + "*")
	var all string
	for _, f := range got {
		b, _ := os.ReadFile(f)
		all += string(b)
	}
	if !strings.Contains(all, "a=||") || !strings.Contains(all, "b=|") {
		t.Fatalf("got %q", all)
	}
}

