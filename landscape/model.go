// Package landscape is cnl's model of a landscape: the typed items and
// places of a landscape2 landscape.yml, its parser and validation, the
// GitHub facts joined to them, what each item says it is and what kind of
// entry it is, and the index over the items that the engine above it
// reads (landscape/search, landscape/scan, landscape/glossary). Its words
// are landscape/lexicon's.
//
// It does no I/O beyond the io.Reader it is given and imports neither the
// cache nor the command line.
package landscape

import (
	"encoding/json"
	"strings"
)

// Maturity values with a special meaning in the landscape (the `project`
// field of an item).
const (
	Graduated  = "graduated"
	Incubating = "incubating"
	Sandbox    = "sandbox"
	Archived   = "archived"
)

// Maturities lists the CNCF maturity levels, most mature first.
var Maturities = []string{Graduated, Incubating, Sandbox, Archived}

// Item is one entry of the landscape: a project, product or member.
// Field names follow the data file (see cncf/landscape2 docs/config/data.yml).
type Item struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	HomepageURL string `yaml:"homepage_url,omitempty" json:"homepage_url,omitempty"`
	RepoURL     string `yaml:"repo_url,omitempty" json:"repo_url,omitempty"`
	Branch      string `yaml:"branch,omitempty" json:"branch,omitempty"`
	License     string `yaml:"license,omitempty" json:"license,omitempty"`
	Logo        string `yaml:"logo,omitempty" json:"logo,omitempty"`
	// Maturity is the CNCF maturity (graduated, incubating, sandbox,
	// archived), or "" for items that are not CNCF projects: the data
	// file calls it "project".
	Maturity            string   `yaml:"project,omitempty" json:"project,omitempty"`
	Crunchbase          string   `yaml:"crunchbase,omitempty" json:"crunchbase,omitempty"`
	Twitter             string   `yaml:"twitter,omitempty" json:"twitter,omitempty"`
	Joined              string   `yaml:"joined,omitempty" json:"joined,omitempty"`
	URLForBestPractices string   `yaml:"url_for_bestpractices,omitempty" json:"url_for_bestpractices,omitempty"`
	Enduser             bool     `yaml:"enduser,omitempty" json:"enduser,omitempty"`
	SecondPath          []string `yaml:"second_path,omitempty" json:"second_path,omitempty"`
	AdditionalRepos     []Repo   `yaml:"additional_repos,omitempty" json:"additional_repos,omitempty"`
	// Extra is nil for most items; use Extras to read it.
	Extra *Extra `yaml:"extra,omitempty" json:"extra,omitempty"`

	// Other keeps fields the reference does not document (the real file has
	// e.g. unnamed_organization, open_source): unknown fields never fail a
	// parse and are not lost. Values are scalars rendered as text, or JSON for
	// nested values.
	Other map[string]string `yaml:"-" json:"other,omitempty"`

	// GitHub holds the repository's facts from landscape.cncf.io, when
	// they are known (see JoinGitHub).
	GitHub *GitHub `yaml:"-" json:"github,omitempty"`

	// Overview is what the item says it is (see About), settled when its
	// index has read the landscape's guide and facts; nil before.
	Overview *About `yaml:"-" json:"summary,omitempty"`
	// orgDescription is the Crunchbase organisation's description, from
	// full.json (see JoinFacts).
	orgDescription string

	// Set by the parser from the item's place in the file.
	Category    string `yaml:"-" json:"category"`
	Subcategory string `yaml:"-" json:"subcategory"`
	Slug        string `yaml:"-" json:"slug"`
	Line        int    `yaml:"-" json:"-"`
}

// OrganizationName is the name of the organization the item belongs to,
// from the data's organization section (landscape2 items may carry one
// instead of, or beside, a Crunchbase URL); "" when there is none.
func (it *Item) OrganizationName() string {
	raw := it.Other["organization"]
	if raw == "" {
		return ""
	}
	var org struct {
		Name string `json:"name"`
	}
	if json.Unmarshal([]byte(raw), &org) != nil {
		return ""
	}
	return strings.TrimSpace(org.Name)
}

// Extras returns the item's extra section, empty (never nil) when it has none.
func (it *Item) Extras() *Extra {
	if it.Extra == nil {
		return &noExtra
	}
	return it.Extra
}

var noExtra Extra

// Path is the item's primary "Category/Subcategory".
func (it *Item) Path() string { return it.Category + "/" + it.Subcategory }

// Repo is an entry of additional_repos.
type Repo struct {
	RepoURL string `yaml:"repo_url" json:"repo_url"`
	Branch  string `yaml:"branch,omitempty" json:"branch,omitempty"`
	License string `yaml:"license,omitempty" json:"license,omitempty"`
}

// Audit is a security audit listed in extra.audits.
type Audit struct {
	Date   string `yaml:"date" json:"date"`
	Type   string `yaml:"type" json:"type"`
	URL    string `yaml:"url" json:"url"`
	Vendor string `yaml:"vendor" json:"vendor"`
}

// Link is an entry of extra.other_links.
type Link struct {
	Name string `yaml:"name" json:"name"`
	URL  string `yaml:"url" json:"url"`
}

// Extra is the item's `extra` section.
type Extra struct {
	Accepted         string `yaml:"accepted,omitempty" json:"accepted,omitempty"`
	Incubating       string `yaml:"incubating,omitempty" json:"incubating,omitempty"`
	Graduated        string `yaml:"graduated,omitempty" json:"graduated,omitempty"`
	Archived         string `yaml:"archived,omitempty" json:"archived,omitempty"`
	AnnualReviewDate string `yaml:"annual_review_date,omitempty" json:"annual_review_date,omitempty"`
	AnnualReviewURL  string `yaml:"annual_review_url,omitempty" json:"annual_review_url,omitempty"`
	LFXSlug          string `yaml:"lfx_slug,omitempty" json:"lfx_slug,omitempty"`
	ParentProject    string `yaml:"parent_project,omitempty" json:"parent_project,omitempty"`
	ClomonitorName   string `yaml:"clomonitor_name,omitempty" json:"clomonitor_name,omitempty"`
	ChatChannel      string `yaml:"chat_channel,omitempty" json:"chat_channel,omitempty"`
	Specification    bool   `yaml:"specification,omitempty" json:"specification,omitempty"`

	ArtworkURL           string `yaml:"artwork_url,omitempty" json:"artwork_url,omitempty"`
	BlogURL              string `yaml:"blog_url,omitempty" json:"blog_url,omitempty"`
	BlueskyURL           string `yaml:"bluesky_url,omitempty" json:"bluesky_url,omitempty"`
	DevStatsURL          string `yaml:"dev_stats_url,omitempty" json:"dev_stats_url,omitempty"`
	DiscordURL           string `yaml:"discord_url,omitempty" json:"discord_url,omitempty"`
	DockerURL            string `yaml:"docker_url,omitempty" json:"docker_url,omitempty"`
	DocumentationURL     string `yaml:"documentation_url,omitempty" json:"documentation_url,omitempty"`
	FacebookURL          string `yaml:"facebook_url,omitempty" json:"facebook_url,omitempty"`
	FundingURL           string `yaml:"funding_url,omitempty" json:"funding_url,omitempty"`
	GithubDiscussionsURL string `yaml:"github_discussions_url,omitempty" json:"github_discussions_url,omitempty"`
	GitterURL            string `yaml:"gitter_url,omitempty" json:"gitter_url,omitempty"`
	LinkedinURL          string `yaml:"linkedin_url,omitempty" json:"linkedin_url,omitempty"`
	MailingListURL       string `yaml:"mailing_list_url,omitempty" json:"mailing_list_url,omitempty"`
	PackageManagerURL    string `yaml:"package_manager_url,omitempty" json:"package_manager_url,omitempty"`
	PinterestURL         string `yaml:"pinterest_url,omitempty" json:"pinterest_url,omitempty"`
	RedditURL            string `yaml:"reddit_url,omitempty" json:"reddit_url,omitempty"`
	SlackURL             string `yaml:"slack_url,omitempty" json:"slack_url,omitempty"`
	StackOverflowURL     string `yaml:"stack_overflow_url,omitempty" json:"stack_overflow_url,omitempty"`
	YoutubeURL           string `yaml:"youtube_url,omitempty" json:"youtube_url,omitempty"`

	SummaryBusinessUseCase string `yaml:"summary_business_use_case,omitempty" json:"summary_business_use_case,omitempty"`
	SummaryIntegration     string `yaml:"summary_integration,omitempty" json:"summary_integration,omitempty"`
	SummaryIntegrations    string `yaml:"summary_integrations,omitempty" json:"summary_integrations,omitempty"`
	SummaryIntroURL        string `yaml:"summary_intro_url,omitempty" json:"summary_intro_url,omitempty"`
	SummaryPersonas        string `yaml:"summary_personas,omitempty" json:"summary_personas,omitempty"`
	SummaryReleaseRate     string `yaml:"summary_release_rate,omitempty" json:"summary_release_rate,omitempty"`
	SummaryTags            string `yaml:"summary_tags,omitempty" json:"summary_tags,omitempty"`
	SummaryUseCase         string `yaml:"summary_use_case,omitempty" json:"summary_use_case,omitempty"`

	Audits      []Audit           `yaml:"audits,omitempty" json:"audits,omitempty"`
	OtherLinks  []Link            `yaml:"other_links,omitempty" json:"other_links,omitempty"`
	Tag         []string          `yaml:"tag,omitempty" json:"tag,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty" json:"annotations,omitempty"`

	// Other keeps undocumented extra fields, as Item.Other does.
	Other map[string]string `yaml:"-" json:"other,omitempty"`
}

// Integrations returns summary_integrations, or its older spelling
// summary_integration when only that is set.
func (e *Extra) Integrations() string {
	if e.SummaryIntegrations != "" {
		return e.SummaryIntegrations
	}
	return e.SummaryIntegration
}

// CommunityLinks returns the named community and documentation links of the
// item that are set, in a fixed order.
func (e *Extra) CommunityLinks() []Link {
	all := []Link{
		{"Docs", e.DocumentationURL}, {"Blog", e.BlogURL}, {"Slack", e.SlackURL},
		{"Discord", e.DiscordURL}, {"Gitter", e.GitterURL}, {"Discussions", e.GithubDiscussionsURL},
		{"Mailing list", e.MailingListURL}, {"Stack Overflow", e.StackOverflowURL},
		{"YouTube", e.YoutubeURL}, {"Bluesky", e.BlueskyURL}, {"LinkedIn", e.LinkedinURL},
		{"Reddit", e.RedditURL}, {"Facebook", e.FacebookURL}, {"Pinterest", e.PinterestURL},
		{"Docker", e.DockerURL}, {"Packages", e.PackageManagerURL}, {"DevStats", e.DevStatsURL},
		{"Artwork", e.ArtworkURL}, {"Annual review", e.AnnualReviewURL}, {"Funding", e.FundingURL},
		{"Intro video", e.SummaryIntroURL},
	}
	links := all[:0]
	for _, l := range all {
		if l.URL != "" {
			links = append(links, l)
		}
	}
	return append(links, e.OtherLinks...)
}

// Category is a top-level group of the landscape.
type Category struct {
	Name          string
	Subcategories []Subcategory
}

// Subcategory is a group of items within a category. Items holds the
// positions (for Index.Item) of the items listed here: the ones whose home
// this is and the ones that name it in second_path.
type Subcategory struct {
	Name  string
	Items []int
}
