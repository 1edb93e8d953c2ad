package app_test

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func d(s string) app.Date {
	x, err := app.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestNonWorkingDays(t *testing.T) {
	t.Parallel()
	for _, day := range []string{
		"2026-04-03",                                           // långfredagen
		"2026-04-06",                                           // annandag påsk
		"2026-05-01",                                           // första maj
		"2026-05-14",                                           // Kristi himmelsfärd
		"2026-06-19",                                           // midsommarafton (not a public holiday in law, but offices close)
		"2026-12-24",                                           // julafton
		"2026-12-25", "2026-12-31", "2027-01-01", "2027-01-06", // jul, nyårsafton, nyår, trettondagen
		"2027-06-25",               // midsommarafton 2027
		"2026-11-28", "2026-11-29", // a weekend
	} {
		if app.IsWorkingDay(d(day)) {
			t.Errorf("%s counted as a working day", day)
		}
	}
	for _, day := range []string{"2026-04-02", "2026-04-07", "2026-06-18", "2026-06-22", "2026-12-23", "2026-12-28", "2027-01-07", "2026-11-26"} {
		if !app.IsWorkingDay(d(day)) {
			t.Errorf("%s counted as a holiday", day)
		}
	}
}

func TestWorkingDaysBefore(t *testing.T) {
	t.Parallel()
	cases := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-04-08", 3, "2026-04-01", "across Easter: annandag påsk and långfredagen skipped"},
		{"2026-06-23", 2, "2026-06-18", "across Midsummer: midsommarafton skipped"},
		{"2026-12-28", 1, "2026-12-23", "across Christmas: julafton and juldagen skipped"},
		{"2027-01-07", 5, "2026-12-28", "across the year end: trettondagen, nyårsdagen and nyårsafton skipped"},
		{"2026-11-30", 1, "2026-11-27", "over a weekend"},
		{"2026-11-26", 0, "2026-11-26", "zero days"},
		{"2026-10-30", 10, "2026-10-16", "draft due for a deadline on a Friday"},
		{"2026-10-30", 3, "2026-10-27", "signatures due"},
	}
	for _, c := range cases {
		if got := app.WorkingDaysBefore(d(c.from), c.n).String(); got != c.want {
			t.Errorf("%d working days before %s = %s, want %s (%s)", c.n, c.from, got, c.want, c.why)
		}
	}
	if got := app.WorkingDaysAfter(d("2026-12-23"), 1).String(); got != "2026-12-28" {
		t.Errorf("1 working day after 2026-12-23 = %s, want 2026-12-28", got)
	}
}

func TestWorkingDaysLeft(t *testing.T) {
	t.Parallel()
	cases := []struct {
		today, due string
		want       int
	}{
		{"2026-11-26", "2026-11-26", 0},
		{"2026-11-26", "2026-11-27", 1},
		{"2026-11-27", "2026-11-30", 1},  // weekend between
		{"2026-12-22", "2027-01-07", 7},  // 23, 28, 29, 30 Dec, 4, 5, 7 Jan
		{"2026-11-30", "2026-11-27", -1}, // overdue by one working day
		{"2026-06-17", "2026-06-22", 2},  // 18 June and 22 June; midsommarafton skipped
	}
	for _, c := range cases {
		if got := app.WorkingDaysLeft(d(c.today), d(c.due)); got != c.want {
			t.Errorf("WorkingDaysLeft(%s, %s) = %d, want %d", c.today, c.due, got, c.want)
		}
	}
}

func TestDateOfIsStockholm(t *testing.T) {
	t.Parallel()
	// 23:30 UTC on 31 December is already New Year's Day in Stockholm.
	if got := app.DateOf(time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)).String(); got != "2027-01-01" {
		t.Fatalf("DateOf = %s, want 2027-01-01", got)
	}
}
