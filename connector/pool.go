package connector

import (
	"sync"
	"sync/atomic"
)

// runPool calls work(i) for every i in [0, n) on at most workers
// goroutines. Jobs start in index order; the call returns when all are
// done. A panic in work(i) is handed to recovered(i, value) on the same
// goroutine, so one job's failure never stops the others.
func runPool(n, workers int, work func(i int), recovered func(i int, p any)) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	one := func(i int) {
		defer func() {
			if p := recover(); p != nil {
				recovered(i, p)
			}
		}()
		work(i)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				one(i)
			}
		}()
	}
	wg.Wait()
}
