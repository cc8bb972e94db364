package pulumitest

import (
	"runtime"
	"time"
	"weak"
)

// Released reports whether the collector frees what p points to and done then holds
// (what cleanups of it do, say), collecting a bounded number of times: a program that
// finished should leave nothing reachable behind. done may be nil.
func Released[T any](p weak.Pointer[T], done func() bool) bool {
	for range 200 {
		runtime.GC()
		if p.Value() == nil && (done == nil || done()) {
			return true
		}
		time.Sleep(5 * time.Millisecond) // cleanups run on a goroutine of their own
	}
	return false
}
