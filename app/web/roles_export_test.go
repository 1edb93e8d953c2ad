package web_test

import "github.com/samsyn/samsyn/app"

func init() { roleTables = append(roleTables, exportRoles) }

// exportRoles covers feeds, downloads and CSV exports: feeds are public
// (an issue's only while the issue is); a statement's public downloads
// exist only while it is published, for everyone alike; the internal
// downloads need a signed-in user (404 to anonymous callers, as for every
// internal statement route), the e-mail draft and the CSV exports the
// secretariat.
func exportRoles(f *fixture) []roleCase {
	set := f.fourStatements("Export")
	staffCSV := [6]int{303, 403, 403, 403, 200, 200}
	public := f.mustIssue("Exportfråga publik", true, nil, nil)
	internal := f.mustIssue("Exportfråga intern", false, nil, nil)
	cases := []roleCase{
		// An issue's feed is as public as the issue: an internal issue
		// has none, for anyone, signed in or not.
		{"GET", "/feed/fraga/" + public.Slug + ".atom", "", all200},
		{"GET", "/feed/fraga/" + internal.Slug + ".atom", "", all404},
		{"GET", "/feed.atom", "", all200},
		{"GET", "/feed/amne/energi.atom", "", all200},
		{"GET", "/feed/medlem/" + f.memberA.Slug + ".atom", "", all200},
		{"GET", "/feed/medlem/finns-inte.atom", "", all404},
		{"GET", "/feed/fraga/finns-inte.atom", "", all404},
		{"GET", "/internt/remisser.csv", "", staffCSV},
		{"GET", "/internt/signaturer.csv", "", staffCSV},
		{"GET", "/api/v1/consultations.csv", "", [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/stallningstaganden/finns-inte.pdf", "", all404},
		{"GET", "/stallningstaganden/finns-inte.txt", "", all404},
		{"GET", "/internt/stallningstaganden/0123456789abcdef01234567/remissvar.pdf", "", all404},
	}
	cases = append(cases, set.each("GET", "/stallningstaganden/{slug}.txt", "", only(app.StatementPublished, all200, all404))...)
	cases = append(cases, set.each("GET", "/stallningstaganden/{slug}.pdf", "", only(app.StatementPublished, all200, all404))...)
	cases = append(cases, set.each("GET", "/stallningstaganden/{slug}.docx", "", only(app.StatementPublished, all200, all404))...)
	in := "/internt/stallningstaganden/{id}/remissvar"
	cases = append(cases, set.each("GET", in+".pdf", "", same(signedIn))...)
	cases = append(cases, set.each("GET", in+".docx", "", same(signedIn))...)
	cases = append(cases, set.each("GET", in+".eml", "", same(staffOnly))...)
	return cases
}
