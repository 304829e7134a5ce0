package monthly

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/canbao/kuomian/reporting/ledger"
)

// ErrNotOutput is the error (under [errors.Is]) of [WriteDir] for an output
// directory it will not replace: one that exists and is not a directory, or
// is neither empty nor a campaign's output.
var ErrNotOutput = errors.New("not a campaign output directory")

// notOutput is an ErrNotOutput with its message.
type notOutput struct{ msg string }

func (e *notOutput) Error() string        { return e.msg }
func (e *notOutput) Is(target error) bool { return target == ErrNotOutput }

// WriteDir writes the files and the state (owner-only, as
// [ledger.WriteStateFile] writes it) into a new directory beside out, then
// puts it in out's place: nothing half-written is ever in out, and on an
// error out is as it was. An existing out is replaced only if it is empty
// or a campaign's output (it holds a state file); it is renamed aside first
// and removed once the new one is in place. WriteDir returns the names of
// the files written, the state file last.
func WriteDir(out string, files []File, state *ledger.State) (names []string, err error) {
	out = filepath.Clean(out)
	if err := replaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		if err := os.WriteFile(filepath.Join(tmp, f.Name), buf.Bytes(), f.Mode); err != nil {
			return nil, err
		}
		names = append(names, f.Name)
	}
	if err := ledger.WriteStateFile(filepath.Join(tmp, ledger.StateFileName), state); err != nil {
		return nil, fmt.Errorf("%s: %w", ledger.StateFileName, err)
	}
	names = append(names, ledger.StateFileName)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	var old string
	if _, serr := os.Lstat(out); serr == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return nil, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return names, nil
}

// replaceable returns an error unless out does not exist, is an empty
// directory, or is a directory a campaign run wrote (it holds a state
// file).
func replaceable(out string) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &notOutput{out + ": exists and is not a directory"}
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(ents) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, ledger.StateFileName)); err == nil {
		return nil
	}
	return &notOutput{out + ": exists and is not a campaign output directory (no " + ledger.StateFileName + "); give a new or empty directory"}
}
