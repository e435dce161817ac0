package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Landscape is a landscape built with cncf/landscape2: where its site
// publishes its files, and the GitHub repository that holds its data file.
type Landscape struct {
	Key        string `json:"key"`        // its cache directory, and what --landscape takes
	Foundation string `json:"foundation"` // who publishes it
	BaseURL    string `json:"url"`        // the site
	Guide      bool   `json:"guide"`      // the site publishes a guide
	Repo       string `json:"repo,omitempty"`
	// Mirror is where the data file is mirrored; by default the
	// landscape.yml of Repo on GitHub.
	Mirror string `json:"mirror,omitempty"`
}

// A landscape2 site publishes, under its base URL, sources/data.yml (its
// landscape.yml), sources/settings.yml, sources/guide.yml when it has a
// guide, and data/full.json (items with GitHub and Crunchbase data); see
// cncf/landscape2, crates/cli/src/build/mod.rs. Nothing is served at
// /landscape.yml: a site answers unknown paths with its home page.

// DataURL is the site's data file.
func (l Landscape) DataURL() string { return l.BaseURL + "/sources/data.yml" }

// MirrorURL is the data file in the landscape's GitHub repository, or "".
func (l Landscape) MirrorURL() string {
	if l.Mirror != "" {
		return l.Mirror
	}
	if l.Repo == "" {
		return ""
	}
	return "https://raw.githubusercontent.com/" + l.Repo + "/HEAD/landscape.yml"
}

// FullURL is the site's full dataset, with the GitHub facts cnl keeps.
func (l Landscape) FullURL() string { return l.BaseURL + "/data/full.json" }

// GuideURL is the site's guide (which answers 404 or its home page when the
// landscape has none).
func (l Landscape) GuideURL() string { return l.BaseURL + "/sources/guide.yml" }

// SettingsURL is the site's settings: the foundation's name, the members
// category.
func (l Landscape) SettingsURL() string { return l.BaseURL + "/sources/settings.yml" }

// DefaultLandscape is the key of the landscape cnl answers from unless told
// otherwise.
const DefaultLandscape = "cncf"

// Known lists the landscapes built with cncf/landscape2 (from
// cncf/landscape2-sites, whose settings give each base URL), by key.
var Known = []Landscape{
	{Key: "aaif", Foundation: "AAIF", BaseURL: "https://aaif.landscape2.io", Guide: false, Repo: "cncf/aaif-landscape"},
	{Key: "ada", Foundation: "ADA", BaseURL: "https://ada.landscape2.io", Guide: false, Repo: "appdefensealliance/landscape"},
	{Key: "aousd", Foundation: "AOUSD", BaseURL: "https://landscape.aousd.org", Guide: false, Repo: "aousd/landscape"},
	{Key: "aswf", Foundation: "ASWF", BaseURL: "https://landscape.aswf.io", Guide: false, Repo: "AcademySoftwareFoundation/aswf-landscape"},
	{Key: "camara", Foundation: "Camara", BaseURL: "https://camara.landscape2.io", Guide: false, Repo: "camaraproject/camara-landscape"},
	{Key: "ccc", Foundation: "CCC", BaseURL: "https://ccc.landscape2.io", Guide: false, Repo: "confidential-computing/landscape"},
	{Key: "cdf", Foundation: "CDF", BaseURL: "https://cdf.landscape2.io", Guide: false, Repo: "cdfoundation/cdf-landscape"},
	{Key: "cip", Foundation: "CIP", BaseURL: "https://cip.landscape2.io", Guide: false, Repo: "civil-infrastructure-platform/cip-landscape"},
	{Key: "cncf", Foundation: "CNCF", BaseURL: "https://landscape.cncf.io", Guide: true, Repo: "cncf/landscape"},
	{Key: "dlt", Foundation: "LF Decentralized Trust", BaseURL: "https://landscape.lfdecentralizedtrust.org", Guide: true, Repo: "hyperledger-dlt-landscape/hyperledger-dlt-landscape"},
	{Key: "ebpf", Foundation: "eBPF", BaseURL: "https://ebpf.landscape2.io", Guide: false, Repo: "ebpffoundation/landscape"},
	{Key: "finos", Foundation: "FINOS", BaseURL: "https://finos.landscape2.io", Guide: false, Repo: "finos/finos-landscape"},
	{Key: "graphql", Foundation: "GraphQL", BaseURL: "https://graphql.landscape2.io", Guide: false, Repo: "graphql/graphql-landscape"},
	{Key: "lf", Foundation: "The Linux Foundation", BaseURL: "https://landscape.linuxfoundation.org", Guide: false, Repo: "jmertic/lf-landscape"},
	{Key: "lfai", Foundation: "LF AI & Data", BaseURL: "https://lfai.landscape2.io", Guide: false, Repo: "lfai/lfai-landscape"},
	{Key: "lfedge", Foundation: "LF Edge", BaseURL: "https://landscape.lfedge.org", Guide: false, Repo: "State-of-the-Edge/lfedge-landscape"},
	{Key: "lfenergy", Foundation: "LF Energy", BaseURL: "https://lfenergy.landscape2.io", Guide: false, Repo: "lf-energy/lfenergy-landscape"},
	{Key: "lfeu", Foundation: "The Linux Foundation Europe", BaseURL: "https://landscape.linuxfoundation.eu", Guide: false, Repo: "jmertic/lfeu-landscape"},
	{Key: "lfnetworking", Foundation: "LF Networking", BaseURL: "https://lfnetworking.landscape2.io", Guide: false, Repo: "lfnetworking/member_landscape"},
	{Key: "neonephos", Foundation: "NeoNephos", BaseURL: "https://neonephos.landscape2.io", Guide: true, Repo: "neonephos/landscape"},
	{Key: "o3df", Foundation: "O3DF", BaseURL: "https://landscape.o3df.org", Guide: false, Repo: "Open3DFoundation/o3df-landscape"},
	{Key: "oai", Foundation: "OpenAPI", BaseURL: "https://landscape.openapis.org", Guide: false, Repo: "OAI/landscape"},
	{Key: "omp", Foundation: "OMP", BaseURL: "https://omp.landscape2.io", Guide: false, Repo: "openmainframeproject/omp-landscape"},
	{Key: "openchain", Foundation: "OpenChain", BaseURL: "https://openchain.landscape2.io", Guide: false, Repo: "OpenChain-Project/landscape"},
	{Key: "openinfra", Foundation: "OpenInfra", BaseURL: "https://openinfra.landscape2.io", Guide: false, Repo: "OpenStackweb/landscape"},
	{Key: "openssf", Foundation: "OpenSSF", BaseURL: "https://openssf.landscape2.io", Guide: true, Repo: "ossf/ossf-landscape"},
	{Key: "ospo", Foundation: "OSPO", BaseURL: "https://landscape.todogroup.org", Guide: true, Repo: "todogroup/ospolandscape"},
	{Key: "overturemaps", Foundation: "Overture Maps", BaseURL: "https://landscape.overturemaps.org", Guide: false, Repo: "OvertureMaps/landscape"},
	{Key: "pqca", Foundation: "PQCA", BaseURL: "https://landscape.pqca.org", Guide: false, Repo: "PQCA/landscape"},
	{Key: "presto", Foundation: "Presto", BaseURL: "https://presto.landscape2.io", Guide: false, Repo: "prestodb/presto-landscape"},
	{Key: "pytorch", Foundation: "PyTorch", BaseURL: "https://pytorch.landscape2.io", Guide: true, Repo: "pytorch-fdn/landscape"},
	{Key: "riscv", Foundation: "RISC-V", BaseURL: "https://riscv.landscape2.io", Guide: false, Repo: "riscv-admin/riscv-landscape"},
	{Key: "spdx", Foundation: "SPDX", BaseURL: "https://spdx.landscape2.io", Guide: false, Repo: "spdx/sbom-landscape"},
}

// FindLandscape resolves --landscape: a key of Known (any case), or the
// base URL of any landscape2 site, which gets a key made from its host and
// path ("landscape.example.org").
func FindLandscape(nameOrURL string) (Landscape, error) {
	name := strings.TrimSpace(nameOrURL)
	if name == "" {
		name = DefaultLandscape
	}
	if i := slices.IndexFunc(Known, func(l Landscape) bool { return strings.EqualFold(l.Key, name) }); i >= 0 {
		return Known[i], nil
	}
	u, err := url.Parse(name)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Landscape{}, &UnknownLandscapeError{Name: nameOrURL}
	}
	base := strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/")
	for _, l := range Known {
		if strings.EqualFold(l.BaseURL, base) {
			return l, nil
		}
	}
	return Landscape{Key: siteKey(u), Foundation: u.Host, BaseURL: base}, nil
}

// siteKey makes a cache directory's name for a site: a readable slug of
// its host and path, and a short hash of its normalised URL, so that two
// URLs never share a directory ("http://a/b" and "http://a-b";
// "host:8080" and "host/8080"), and no URL shares one with a known
// landscape ("http://cncf") or is the cache's root ("http://-/").
func siteKey(u *url.URL) string {
	var b strings.Builder
	for _, r := range strings.ToLower(u.Host + u.Path) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-.")
	for strings.Contains(slug, "--") {
		slug = strings.ReplaceAll(slug, "--", "-")
	}
	if len(slug) > 48 {
		slug = strings.TrimRight(slug[:48], "-.")
	}
	if slug == "" {
		slug = "site"
	}
	norm := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.EscapedPath(), "/")
	sum := sha256.Sum256([]byte(norm))
	return slug + "-" + hex.EncodeToString(sum[:4])
}

// Redact hides the credentials a URL carries ("https://user:token@host/…"
// → "https://***@host/…"), for everything cnl shows or stores.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return strings.Replace(u.String(), "://", "://***@", 1)
}

// UnknownLandscapeError is a landscape that is neither a known key nor a
// site's URL.
type UnknownLandscapeError struct{ Name string }

func (e *UnknownLandscapeError) Error() string {
	keys := make([]string, len(Known))
	for i, l := range Known {
		keys[i] = l.Key
	}
	return fmt.Sprintf("unknown landscape %q: give a key (%s) or a site's URL", e.Name, strings.Join(keys, ", "))
}
