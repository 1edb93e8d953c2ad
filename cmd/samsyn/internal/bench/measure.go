package bench

import (
	"bufio"
	"context"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// latency is the distribution of one measurement's successful operations.
type latency struct {
	N         int     `json:"n"`
	Errors    int     `json:"errors"`
	P50Ms     float64 `json:"p50_ms"`
	P95Ms     float64 `json:"p95_ms"`
	P99Ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	ReqPerSec float64 `json:"req_per_s"`
}

// minSamples is how many operations a measurement makes even past its
// time limit.
const minSamples = 5

// measure runs op up to n times from conc goroutines, stopping early
// once limit has passed (after at least minSamples), and returns the
// latencies of the successful runs and the throughput over the whole time.
func measure(ctx context.Context, conc, n int, limit time.Duration, op func(ctx context.Context, i int) error) latency {
	var next atomic.Int64
	deadline := time.Now().Add(limit)
	durs := make([][]time.Duration, conc)
	errs := make([]int, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil || (i >= minSamples && time.Now().After(deadline)) {
					return
				}
				t := time.Now()
				if err := op(ctx, i); err != nil {
					errs[w]++
					continue
				}
				durs[w] = append(durs[w], time.Since(t))
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	all := slices.Concat(durs...)
	l := summarise(all)
	for _, e := range errs {
		l.Errors += e
	}
	l.ReqPerSec = round(float64(len(all)) / wall.Seconds())
	return l
}

// measurePair runs a and b alternately from one goroutine, each up to n
// times with the same i, a first in even rounds and b first in odd ones,
// stopping early as measure does. Whatever else the process does meanwhile
// (Bleve merging the segments of a load) falls on both alike, so the
// ratio of their latencies is the cost of the difference between them.
// Throughput is each one's runs over the time spent in them.
func measurePair(ctx context.Context, n int, limit time.Duration, a, b func(ctx context.Context, i int) error) (la, lb latency) {
	deadline := time.Now().Add(limit)
	var durs [2][]time.Duration
	var errs [2]int
	ops := [2]func(context.Context, int) error{a, b}
	for i := 0; i < n && ctx.Err() == nil && (i < minSamples || time.Now().Before(deadline)); i++ {
		for k := range 2 {
			which := (i + k) % 2
			t := time.Now()
			if err := ops[which](ctx, i); err != nil {
				errs[which]++
				continue
			}
			durs[which] = append(durs[which], time.Since(t))
		}
	}
	var out [2]latency
	for k := range 2 {
		var spent time.Duration
		for _, d := range durs[k] {
			spent += d
		}
		out[k] = summarise(durs[k])
		out[k].Errors = errs[k]
		if spent > 0 {
			out[k].ReqPerSec = round(float64(len(durs[k])) / spent.Seconds())
		}
	}
	return out[0], out[1]
}

// summarise returns the percentiles of ds (nearest rank).
func summarise(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	slices.Sort(ds)
	at := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(ds)))) - 1
		return ms(ds[max(i, 0)])
	}
	return latency{N: len(ds), P50Ms: at(0.50), P95Ms: at(0.95), P99Ms: at(0.99), MaxMs: ms(ds[len(ds)-1])}
}

func ms(d time.Duration) float64 { return round(float64(d) / float64(time.Millisecond)) }

// round keeps three significant decimals of small numbers, one of large.
func round(f float64) float64 {
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return 0
	case f >= 100:
		return math.Round(f*10) / 10
	}
	return math.Round(f*1000) / 1000
}

// cpuTime is the CPU time this process has used so far, user and system,
// on every core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// perDocMs is d spread over n documents, in milliseconds.
func perDocMs(d time.Duration, n int) float64 {
	return round(float64(d) / float64(time.Millisecond) / float64(max(n, 1)))
}

// resetPeakRSS frees what the heap can and resets the kernel's peak RSS
// (VmHWM) of this process, where Linux allows it.
func resetPeakRSS() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMB is VmHWM: the peak resident set since the last reset, in MB.
func peakRSSMB() float64 { return procStatusMB("VmHWM") }

// goHeapInUseMB is the Go heap's spans in use, in MB.
func goHeapInUseMB() float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return round(float64(m.HeapInuse) / (1 << 20))
}

// rssMB is VmRSS: the resident set now, in MB.
func rssMB() float64 { return procStatusMB("VmRSS") }

func procStatusMB(field string) float64 { return procStatusMBs(field)[0] }

// procStatusMBs reads the fields of /proc/self/status at one instant, in MB
// (0 for a field it lacks).
func procStatusMBs(fields ...string) []float64 {
	out := make([]float64, len(fields))
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for i, field := range fields {
			if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
				out[i] = round(kb / 1024)
			}
		}
	}
	return out
}

// dirMB is the size of the files under dir, in MB.
func dirMB(dir string) float64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return round(float64(total) / (1 << 20))
}
