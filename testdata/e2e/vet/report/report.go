// Package report has a mistake go vet's own printf check finds, so the
// end-to-end test can show that twinevet keeps vet's checks.
package report

import "fmt"

// Line describes a sum.
func Line(name string, sum int64) string {
	return fmt.Sprintf("%s: %d", sum, name)
}
