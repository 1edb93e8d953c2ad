package app

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Member is a member organisation of the network, usually a municipality.
type Member struct {
	ID               string
	Slug             string
	Name             string
	MunicipalityCode string // kommunkod: four digits, the first two the county (län)
	County           string
	Active           bool
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// MemberUpdate holds the fields of a member that may change; nil leaves a
// field as it is.
type MemberUpdate struct {
	Name             *string
	MunicipalityCode *string
	County           *string
	Active           *bool
}

// MemberFilter narrows a member listing.
type MemberFilter struct {
	ActiveOnly bool
	Page       Page
}

// MemberStore keeps members. Create returns ECONFLICT for a taken slug or
// municipality code; lookups return ENOTFOUND for an unknown id or slug.
type MemberStore interface {
	CreateMember(ctx context.Context, m *Member) error
	MemberByID(ctx context.Context, id string) (*Member, error)
	MemberBySlug(ctx context.Context, slug string) (*Member, error)
	ListMembers(ctx context.Context, f MemberFilter) ([]*Member, int, error)
	UpdateMember(ctx context.Context, id string, u MemberUpdate, now time.Time) (*Member, error)
}

var municipalityCodeRE = regexp.MustCompile(`^[0-9]{4}$`)

// counties maps länskod, the first two digits of a kommunkod, to the county.
var counties = map[string]string{
	"01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län",
	"05": "Östergötlands län", "06": "Jönköpings län", "07": "Kronobergs län",
	"08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län", "12": "Skåne län",
	"13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
	"18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
	"21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
	"24": "Västerbottens län", "25": "Norrbottens län",
}

// CountyOf returns the county a municipality code belongs to, or "".
func CountyOf(code string) string {
	if len(code) != 4 {
		return ""
	}
	return counties[code[:2]]
}

// NewMember validates a new member and derives its slug and, when none is
// given, its county from the municipality code.
func NewMember(name, code, county string, now time.Time) (*Member, error) {
	m := &Member{Name: strings.TrimSpace(name), MunicipalityCode: strings.TrimSpace(code),
		County: strings.TrimSpace(county), Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	if m.County == "" {
		m.County = CountyOf(m.MunicipalityCode)
	}
	m.Slug = Slugify(m.Name)
	return m, m.Validate()
}

// Validate checks a member's fields.
func (m *Member) Validate() error {
	p := Problems{}
	if m.Name == "" {
		p.Add("name", "error.field.name_required")
	} else if len([]rune(m.Name)) > 120 {
		p.Add("name", "error.field.name_too_long")
	} else if m.Slug == "" {
		p.Add("name", "error.member.name_letters")
	}
	if !municipalityCodeRE.MatchString(m.MunicipalityCode) {
		p.Add("municipality_code", "error.member.code_format")
	} else if CountyOf(m.MunicipalityCode) == "" {
		p.Add("municipality_code", "error.member.code_county")
	}
	if len([]rune(m.County)) > 80 {
		p.Add("county", "error.member.county_too_long")
	}
	return p.Err()
}

// Apply returns a copy of m with u applied, validated.
func (m Member) Apply(u MemberUpdate) (*Member, error) {
	if u.Name != nil {
		m.Name = strings.TrimSpace(*u.Name)
	}
	if u.MunicipalityCode != nil {
		m.MunicipalityCode = strings.TrimSpace(*u.MunicipalityCode)
	}
	if u.County != nil {
		m.County = strings.TrimSpace(*u.County)
	}
	if u.Active != nil {
		m.Active = *u.Active
	}
	return &m, m.Validate()
}

var slugSep = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a name into a URL slug: "Oxelösund" → "oxelosund",
// "Skellefteå kommun" → "skelleftea-kommun".
func Slugify(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		plain = strings.ToLower(s)
	}
	plain = strings.NewReplacer("æ", "ae", "ø", "o", "ß", "ss").Replace(plain)
	slug := strings.Trim(slugSep.ReplaceAllString(plain, "-"), "-")
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	return slug
}

// Page selects one page of a listing: Number from 1, Size at most 100.
type Page struct {
	Number int
	Size   int
}

// Skip returns how many items come before the page.
func (p Page) Skip() int64 { return int64((p.Number - 1) * p.Size) }

// NormalPage fills defaults: page 1, 20 per page, at most 100.
func NormalPage(number, size int) (Page, error) {
	p := Problems{}
	if number == 0 {
		number = 1
	}
	if size == 0 {
		size = 20
	}
	if number < 1 {
		p.Add("page", "error.list.page")
	}
	if size < 1 || size > 100 {
		p.Add("per_page", "error.list.per_page")
	}
	return Page{Number: number, Size: size}, p.Err()
}
