package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readmeBlock returns the fenced block of README.md that follows the line
// marker, without its fences.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("README.md has no %q", marker)
	}
	s = s[i+len(marker):]
	open := strings.Index(s, "```")
	if open < 0 {
		t.Fatalf("no code block after %q", marker)
	}
	s = s[open+3:]
	s = s[strings.Index(s, "\n")+1:] // the fence's language tag
	end := strings.Index(s, "```")
	if end < 0 {
		t.Fatalf("unterminated code block after %q", marker)
	}
	return s[:end]
}

// The README shows this very program, so the tour compiles as written.
func TestREADMEShowsTheTour(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(src), readmeBlock(t, "<!-- tour: examples/tour/main.go -->")); diff != "" {
		t.Errorf("README.md's tour differs from examples/tour/main.go (-file +README):\n%s", diff)
	}
}

// What the README says the tour prints is what it prints.
func TestREADMEShowsWhatTheTourPrints(t *testing.T) {
	got := captureStdout(t, func() {
		if err := tour(); err != nil {
			t.Fatal(err)
		}
	})
	if diff := cmp.Diff(readmeBlock(t, "<!-- tour output -->"), got); diff != "" {
		t.Errorf("README.md's tour output differs (-README +program):\n%s", diff)
	}
}

func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, r)
		done <- b.Bytes()
	}()
	defer func() { os.Stdout = old }()
	f()
	w.Close()
	os.Stdout = old
	return string(<-done)
}
