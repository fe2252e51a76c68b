// Command jsonfield prints one top-level string field of the JSON object
// on standard input (the Makefile reads go mod download -json with it).
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	var v map[string]any
	if len(os.Args) != 2 || json.NewDecoder(os.Stdin).Decode(&v) != nil {
		fmt.Fprintln(os.Stderr, "usage: jsonfield NAME < object.json")
		os.Exit(2)
	}
	s, ok := v[os.Args[1]].(string)
	if !ok {
		fmt.Fprintf(os.Stderr, "jsonfield: no string field %q\n", os.Args[1])
		os.Exit(1)
	}
	fmt.Println(s)
}
