package routing

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/suggest"
)

// maxPolicyBytes bounds the size of a policy file [LoadPolicy] reads.
const maxPolicyBytes = 4 << 20

// LoadPolicy reads a policy written as JSON (the form [EncodePolicy]
// writes), checks it strictly and validates it.
//
// The file must be UTF-8 (a leading byte-order mark is skipped) and at most
// [maxPolicyBytes] long. Strict means: every key must be one the format defines, spelled exactly
// (JSON keys are otherwise matched case-insensitively by encoding/json); a
// key may appear only once per object; names (schemes, channels, groups,
// flags, …) must be known and listed once; nothing may follow the policy. A bad file gives
// a *[LoadError] naming the path and the key, and the known key it
// resembles:
//
//	routing: policy at rules[3].when: unknown key "bellow_age" (did you mean "below_age"?)
//
// A file that decodes but fails validation gives a *[ValidationError]
// listing the findings of [SeverityError]; warnings (such as the overlap of
// 石堰's age lines) do not stop loading — [Validate] or [Router.Findings]
// returns them.
func LoadPolicy(r io.Reader) (Policy, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPolicyBytes+1))
	if err != nil {
		return Policy{}, &LoadError{Err: err}
	}
	if len(data) > maxPolicyBytes {
		return Policy{}, &LoadError{Err: fmt.Errorf("%w: policy larger than %d bytes", ErrBadValue, maxPolicyBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark some editors write
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		return Policy{}, &LoadError{Err: fmt.Errorf("%w: invalid UTF-8 at byte %d (line %d): save the file as UTF-8", ErrSyntax, off, line)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := walk(dec, reflect.TypeFor[Policy](), ""); err != nil {
		return Policy{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Policy{}, &LoadError{Err: fmt.Errorf("%w: data after the policy object", ErrSyntax)}
	}
	var p Policy
	strict := json.NewDecoder(bytes.NewReader(data))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&p); err != nil {
		return Policy{}, &LoadError{Err: fmt.Errorf("%w: %v", ErrBadValue, err)}
	}
	if fs := Validate(p); HasErrors(fs) {
		return Policy{}, &ValidationError{Policy: p.ID, Findings: fs}
	}
	return p, nil
}

// EncodePolicy writes p as indented JSON with a final newline, in the
// format [LoadPolicy] reads. The output is deterministic: the same policy
// always gives the same bytes, and LoadPolicy(EncodePolicy(p)) equals p.
func EncodePolicy(w io.Writer, p Policy) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func syntaxErr(path string, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &LoadError{Path: path, Err: fmt.Errorf("%w at byte %d: %v", ErrSyntax, se.Offset, se)}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &LoadError{Path: path, Err: fmt.Errorf("%w: unexpected end of the document", ErrSyntax)}
	}
	return &LoadError{Path: path, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
}

func typeErr(path, want string, tok json.Token) error {
	got := fmt.Sprintf("%v", tok)
	switch tok.(type) {
	case json.Delim:
		got = "'" + got + "'"
	case string:
		got = strconv.Quote(got)
	case nil:
		got = "null"
	}
	return &LoadError{Path: path, Err: fmt.Errorf("%w: want %s, got %s", ErrBadValue, want, got)}
}

// listLimits bounds the lists of a policy while it is read, so that a
// hostile file fails fast instead of being validated rule by rule.
var listLimits = map[string]int{"rules": maxRules, "phases": maxPhases, "milestones": maxMilestones, "groups": eligibility.MaxGroups}

// setVocabulary returns the name and the keys of the enumeration whose
// set type is t (an vocab.Set[E], or eligibility.Flags), so that an
// unknown name in a list gets a *NameError with a suggestion; nil keys
// when t is neither.
func setVocabulary(t reflect.Type) (string, []string) {
	if t == reflect.TypeFor[eligibility.Flags]() {
		var keys []string
		for _, term := range eligibility.FlagTerms() {
			keys = append(keys, term.Key)
		}
		return "flag", keys
	}
	// vocab.Set[E].All returns iter.Seq[E], a func(yield func(E) bool).
	all, ok := t.MethodByName("All")
	if !ok || all.Type.NumOut() != 1 || all.Type.Out(0).Kind() != reflect.Func || all.Type.Out(0).NumIn() != 1 {
		return "", nil
	}
	yield := all.Type.Out(0).In(0)
	if yield.Kind() != reflect.Func || yield.NumIn() != 1 {
		return "", nil
	}
	return enumVocabulary(yield.In(0))
}

// enumVocabulary returns the name and the keys of the enumeration t (a
// type with a Vocabulary method, e.g. eligibility.HukouCondition); nil keys
// when t has none.
func enumVocabulary(t reflect.Type) (string, []string) {
	vocab := reflect.Zero(t).MethodByName("Vocabulary")
	if !vocab.IsValid() || vocab.Type().NumIn() != 0 || vocab.Type().NumOut() != 1 {
		return "", nil
	}
	v := vocab.Call(nil)[0]
	name, keys := v.MethodByName("Name"), v.MethodByName("Keys")
	if !name.IsValid() || !keys.IsValid() {
		return "", nil
	}
	k, _ := keys.Call(nil)[0].Interface().([]string)
	return name.Call(nil)[0].String(), k
}

// walk consumes one JSON value from dec and checks it against type t:
// known and unique keys, value kinds, known names.
func walk(dec *json.Decoder, t reflect.Type, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxErr(path, err)
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) && (t.Kind() == reflect.Uint64 || t.Kind() == reflect.Uint32) {
		// A set (vocab.Set, eligibility.Flags): a list of names.
		if tok == nil {
			return typeErr(path, "a list of names", tok)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return typeErr(path, "a list of names", tok)
		}
		var names []string
		for i := 0; dec.More(); i++ {
			el := fmt.Sprintf("%s[%d]", path, i)
			tok, err := dec.Token()
			if err != nil {
				return syntaxErr(el, err)
			}
			s, ok := tok.(string)
			if !ok {
				return typeErr(el, "a name", tok)
			}
			one, _ := json.Marshal([]string{s})
			v := reflect.New(t)
			if err := v.Interface().(json.Unmarshaler).UnmarshalJSON(one); err != nil {
				if kind, keys := setVocabulary(t); keys != nil {
					err = unknownName(kind, keys, s)
				}
				return &LoadError{Path: el, Err: err}
			}
			// The same member twice, possibly under two spellings (a key
			// and its label): compare the decoded values.
			key := fmt.Sprint(v.Elem().Interface())
			if slices.Contains(names, key) {
				return &LoadError{Path: el, Err: fmt.Errorf("%w: %q is already listed", ErrDuplicate, s)}
			}
			names = append(names, key)
		}
		_, err := dec.Token() // ']'
		if err != nil {
			return syntaxErr(path, err)
		}
		return nil
	}
	if pt.Implements(unmarshalerType) && t.Kind() == reflect.Struct {
		// A value with a JSON form of its own (a decimal threshold): a
		// string or a number.
		switch tok.(type) {
		case string, json.Number:
		default:
			return typeErr(path, "a number or a string", tok)
		}
		raw, _ := json.Marshal(tok)
		if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			return &LoadError{Path: path, Err: fmt.Errorf("%w: %v", ErrBadValue, err)}
		}
		return nil
	}
	if pt.Implements(textUnmarshalerType) {
		s, ok := tok.(string)
		if !ok {
			return typeErr(path, "a string", tok)
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			if kind, keys := enumVocabulary(t); keys != nil {
				err = unknownName(kind, keys, s)
			}
			return &LoadError{Path: path, Err: err}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return typeErr(path, "an object", tok)
		}
		fields := map[string]reflect.Type{}
		var known []string
		var add func(t reflect.Type)
		add = func(t reflect.Type) {
			for f := range t.Fields() {
				if f.Anonymous && f.Type.Kind() == reflect.Struct {
					add(f.Type) // an embedded condition: its keys are the outer object's
					continue
				}
				tag := strings.Split(f.Tag.Get("json"), ",")[0]
				if tag == "" || tag == "-" || !f.IsExported() {
					continue
				}
				fields[tag] = f.Type
				known = append(known, tag)
			}
		}
		add(t)
		seen := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return syntaxErr(path, err)
			}
			key, _ := tok.(string)
			ft, ok := fields[key]
			if !ok {
				return &LoadError{Path: path, Key: key, Suggest: suggest.Closest(key, known), Err: ErrUnknownKey}
			}
			if seen[key] {
				return &LoadError{Path: path, Key: key, Err: ErrDuplicate}
			}
			seen[key] = true
			if err := walk(dec, ft, joinPath(path, key)); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // '}'
			return syntaxErr(path, err)
		}
	case reflect.Slice:
		if tok == nil {
			return nil
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return typeErr(path, "a list", tok)
		}
		limit := listLimits[path]
		for i := 0; dec.More(); i++ {
			if limit > 0 && i == limit {
				return &LoadError{Path: path, Err: fmt.Errorf("%w: more than %d entries", ErrBadValue, limit)}
			}
			if err := walk(dec, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // ']'
			return syntaxErr(path, err)
		}
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return typeErr(path, "a string", tok)
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return typeErr(path, "true or false", tok)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return typeErr(path, "a whole number", tok)
		}
		v, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || reflect.New(t).Elem().OverflowInt(v) {
			return typeErr(path, "a whole number", tok)
		}
	default:
		return &LoadError{Path: path, Err: fmt.Errorf("%w: unsupported field type %s", ErrBadValue, t)}
	}
	return nil
}
