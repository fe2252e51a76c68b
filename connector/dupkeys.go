package connector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// duplicateKey returns the path of the first object key that appears twice
// in the same object of raw, or "" when there is none. Go's decoder keeps
// the last of two equal keys while other readers keep the first, so a
// request that repeats a key (two identifiers, two user_ids) could mean
// different things to the platform that logged it and to the connector;
// such requests are refused. raw must be valid JSON, so reading it again
// cannot fail.
func duplicateKey(raw []byte) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dup, _ := scanValue(dec, "")
	return dup
}

func scanValue(dec *json.Decoder, at string) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return "", err
			}
			key, _ := kt.(string)
			where := joinPath(at, key)
			if seen[key] {
				return where, nil
			}
			seen[key] = true
			if dup, err := scanValue(dec, where); dup != "" || err != nil {
				return dup, err
			}
		}
		_, err = dec.Token() // '}'
		return "", err
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if dup, err := scanValue(dec, fmt.Sprintf("%s[%d]", at, i)); dup != "" || err != nil {
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
