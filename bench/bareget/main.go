// Command bareget is the baseline of the connector's benchmarks: the least
// a Go program must do to ask Okta for something. It sends GET requests
// with an API token over one keep-alive connection and reads each answer
// to the end, following Link rel="next" when -pages is given. It prints
// the number of pages and bytes read.
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

func main() {
	pages := flag.Bool("pages", false, "follow Link rel=\"next\" to the last page")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: bareget [-pages] URL TOKEN")
		os.Exit(2)
	}
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // a loopback benchmark target
	}}
	n, total := 0, int64(0)
	for next := flag.Arg(0); next != ""; n++ {
		req, err := http.NewRequest(http.MethodGet, next, nil)
		if err != nil {
			fail(err)
		}
		req.Header.Set("Authorization", "SSWS "+flag.Arg(1))
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			fail(err)
		}
		read, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			fail(fmt.Errorf("status %d, %v", resp.StatusCode, err))
		}
		total += read
		next = ""
		if *pages {
			next = nextLink(resp.Header.Values("Link"))
		}
	}
	fmt.Printf("%d pages, %d bytes\n", n, total)
}

func nextLink(values []string) string {
	for _, v := range values {
		target, rel, ok := strings.Cut(v, ";")
		if ok && strings.Contains(rel, `rel="next"`) {
			return strings.Trim(strings.TrimSpace(target), "<>")
		}
	}
	return ""
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bareget:", err)
	os.Exit(1)
}
