package main

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/search"
)

// buildInfoMetric is samsyn_build_info: always 1, labelled with the build
// (see buildVersion), so that a dashboard shows which build each replica runs.
func buildInfoMetric() prometheus.Collector {
	v := readBuildVersion()
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "samsyn_build_info",
		Help:        "The running build: version, VCS revision and Go version.",
		ConstLabels: prometheus.Labels{"version": v.Version, "revision": v.Revision, "goversion": v.GoVersion}})
	g.Set(1)
	return g
}

// searchSyncMetrics read the search sync's status at each scrape.
func searchSyncMetrics(s *search.Syncer) []prometheus.Collector {
	start := time.Now()
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "samsyn_search_sync_lag_seconds",
			Help: "Seconds since the search sync last finished a round without errors (since start when it has not; 0 on a replica standing by while another holds the sync's lease)."},
			func() float64 {
				st := s.Status()
				if st.Standby {
					return 0
				}
				last := st.LastSuccess
				if last.IsZero() {
					last = start
				}
				return time.Since(last).Seconds()
			}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "samsyn_search_sync_failing_rounds",
			Help: "Search sync rounds failed in a row (0 when the last succeeded)."},
			func() float64 { return float64(s.Status().Failing) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "samsyn_search_sync_indexed_total",
			Help: "Documents the search sync indexed since start."},
			func() float64 { return float64(s.Status().Indexed) }),
	}
}
