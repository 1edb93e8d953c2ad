package app

import (
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/se"
)

// workCalendar knows Swedish working days: Monday to Friday except public
// holidays. Midsommarafton, julafton and nyårsafton are not public holidays
// in law, but Swedish offices (and government registries) are closed on
// them, so they count as non-working here; rickar/cal lists them in
// se.Holidays as "other" observances and we add that whole list.
var workCalendar = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(se.Holidays...)
	return c
}()

// IsWorkingDay reports whether d is a Swedish working day. The answer for
// each year is worked out once and kept: the desks and the deadline watch
// count working days for every open consultation on every page.
func IsWorkingDay(d Date) bool {
	t := d.noonUTC()
	return workingDaysOf(t.Year())[t.YearDay()-1]
}

// workingYears holds, per year, whether each of its days is a working day.
var workingYears sync.Map // int → *[366]bool

func workingDaysOf(year int) *[366]bool {
	if v, ok := workingYears.Load(year); ok {
		return v.(*[366]bool)
	}
	days := new([366]bool)
	for t := time.Date(year, 1, 1, 12, 0, 0, 0, time.UTC); t.Year() == year; t = t.AddDate(0, 0, 1) {
		days[t.YearDay()-1] = workCalendar.IsWorkday(t)
	}
	v, _ := workingYears.LoadOrStore(year, days)
	return v.(*[366]bool)
}

// noonUTC is the date at noon, safe from any zone shift in the calendar.
func (d Date) noonUTC() time.Time { return d.Add(12 * time.Hour) }

// AddDays returns the date n calendar days after d (before, if negative).
func (d Date) AddDays(n int) Date { return Date{d.AddDate(0, 0, n)} }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Time.Before(o.Time) }

// WorkingDaysBefore returns the date n working days before d, e.g. a draft
// due 10 working days before a deadline.
func WorkingDaysBefore(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysAfter returns the date n working days after d.
func WorkingDaysAfter(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysLeft counts the working days after today up to and including
// due: 0 when due is today, negative (the working days overdue, up to and
// including today) when due has passed.
func WorkingDaysLeft(today, due Date) int {
	n := 0
	switch {
	case today.Before(due):
		for d := today.AddDays(1); !due.Before(d); d = d.AddDays(1) {
			if IsWorkingDay(d) {
				n++
			}
		}
	case due.Before(today):
		for d := due.AddDays(1); !today.Before(d); d = d.AddDays(1) {
			if IsWorkingDay(d) {
				n--
			}
		}
	}
	return n
}
