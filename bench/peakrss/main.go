// Command peakrss runs a program and reports the most memory it held.
//
//	peakrss OUTFILE PROGRAM [ARGS...]
//
// Standard input and output pass through; the program's peak resident set
// size, in bytes, is written to OUTFILE, and peakrss exits with the
// program's status. A process started from a large one (a test binary
// holding a simulated org) is charged that process's memory at exec time,
// so the benchmarks measure through this small intermediary instead.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: peakrss OUTFILE PROGRAM [ARGS...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	if err := os.WriteFile(os.Args[1], []byte(fmt.Sprint(rss)), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
