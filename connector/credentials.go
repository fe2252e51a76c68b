package connector

import "fmt"

// checkHeaderValue refuses a credential that cannot travel in an HTTP
// header as given: control characters (CR/LF could add headers), spaces or
// non-ASCII text mean it was pasted wrongly. name is the setting, for the
// message; the value itself is never shown.
func checkHeaderValue(name, v string) error {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("%s holds a space, control or non-ASCII character at position %d: paste the token again without surrounding text", name, i+1)
		}
	}
	return nil
}
