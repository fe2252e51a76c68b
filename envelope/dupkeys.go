package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// duplicateKey describes the first object key that appears twice in the
// same object of raw, or returns "" when there is none. Go's decoder keeps
// the last of two equal keys while other readers keep the first, so a
// request that repeats a key (two identifiers, two user_ids) could mean
// different things to the platform that logged it and to the connector;
// such requests are refused. Keys that differ only by letter case or
// Unicode folding (dry_run and DRY_RUN, "ſ" and "s") count as repeated too:
// some readers match them as one key. The platform's environment variables
// are exempt from the folding rule (HTTPS_PROXY and https_proxy are two
// names by convention). raw must be valid JSON, so reading it again cannot
// fail.
func duplicateKey(raw []byte) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dup, _ := scanValue(dec, "", true)
	return dup
}

// foldExempt lists the paths whose keys are compared exactly only.
var foldExempt = map[string]bool{"environment_variables": true}

func scanValue(dec *json.Decoder, at string, fold bool) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]string{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return "", err
			}
			key, _ := kt.(string)
			where := joinPath(at, key)
			canon := key
			if fold {
				canon = foldKey(key)
			}
			if first, ok := seen[canon]; ok {
				if first == key {
					return where + " twice", nil
				}
				return fmt.Sprintf("%s and %s, which differ only by letter case", joinPath(at, first), where), nil
			}
			seen[canon] = key
			if dup, err := scanValue(dec, where, fold && !foldExempt[where]); dup != "" || err != nil {
				return dup, err
			}
		}
		_, err = dec.Token() // '}'
		return "", err
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if dup, err := scanValue(dec, fmt.Sprintf("%s[%d]", at, i), fold); dup != "" || err != nil {
				return dup, err
			}
		}
		_, err = dec.Token() // ']'
		return "", err
	}
	return "", nil
}

func joinPath(at, key string) string {
	if strings.ContainsAny(key, ".[]\" ") || key == "" {
		key = fmt.Sprintf("%q", key)
	}
	if at == "" {
		return key
	}
	return at + "." + key
}

// foldKey maps every rune of key to the smallest rune of its Unicode case
// folding orbit, so that two keys any case-insensitive reader would match
// map to the same text.
func foldKey(key string) string {
	var b strings.Builder
	for _, r := range key {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
