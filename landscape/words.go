package landscape

import (
	"strings"
	"sync"
)

// commonWords are item names (and repository names) that are also ordinary
// English words. In a text they count as a mention only when written like a
// name (capitalised inside a sentence) or next to cloud-native words.
//
// Made from the single-word names and repository names of the 2026-08-07
// landscape that Debian's wamerican word list has in lower case (proper
// nouns such as Prometheus or Kafka are capitalised there, and stay
// distinctive), plus "apollo" and "kit", which the scan issue names.
var commonWords = setOf(
	"accordion", "adobe", "age", "agenda", "airship", "ambient", "apollo", "apple", "aqua",
	"architect", "arks", "arm", "armada", "attribute", "aviatrix", "backstage", "bamboo", "beam",
	"beats", "blacksmith", "blizzard", "block", "bosh", "boundary", "box", "brigade", "bucket",
	"build", "bundle", "buoyant", "c", "caddy", "cadence", "calico", "camel", "canonical",
	"capsule", "cargo", "cartographer", "cartography", "cedar", "chalice", "chef",
	"clockwork", "cockroach", "commodore", "community", "compose", "concourse", "consul",
	"contour", "core", "cortex", "crane", "crate", "cumulus", "curve", "dart", "decathlon",
	"decimal", "depot", "distribution", "docs", "draft", "dragonfly", "druid", "echo", "effectual",
	"elastic", "embrace", "emissary", "encore", "envoy", "eraser", "eureka", "factory", "falcon",
	"feast", "firefly", "fission", "flannel", "flatcar", "fluid", "flux", "foreman",
	"foresight", "formal", "framework", "frontier", "fugue", "functions", "gardener", "gateway",
	"gear", "go", "gonzo", "goose", "grain", "granulate", "graphite", "gremlin", "guardrails",
	"guidance", "habitat", "harbor", "harness", "hatchet", "haystack", "hedgehog", "helm",
	"honeycomb", "hub", "hydra", "ignite", "indeed", "inlets", "instructor", "intercept",
	"interlink", "intuit", "keep", "kilo", "kind", "kindling", "king", "kiosk", "kit", "lagoon",
	"litmus", "longhorn", "lovable", "lunar", "lunatic", "mackerel", "magnum", "manifest", "maven",
	"maze", "membrane", "mesh", "micrometer", "midway", "monocle", "mule", "near", "nebula", "net",
	"nightingale", "nix", "nomad", "notation", "one", "opal", "operator", "oracle", "outlines",
	"ozone", "pachyderm", "pack", "packer", "palette", "parsec", "passage", "picnic", "pinpoint",
	"pipeline", "pipelines", "pixie", "plural", "policy", "port", "porter", "posit", "prefect",
	"presto", "project", "pulsar", "puppet", "quay", "radar", "radius", "ragas", "rancher",
	"ratify", "reader", "redeploy", "registry", "replicated", "ripple", "rook", "root", "rudder",
	"rust", "salad", "salt", "sandstone", "sap", "sawmills", "scale", "scar", "score",
	"screwdriver", "seal", "sealer", "selenium", "semaphore", "sentinel", "sentry", "server",
	"serving", "shipwright", "sidekick", "sigma", "singularity", "skipper", "slim", "slime",
	"snowflake", "sops", "spark", "spec", "specification", "spin", "spinnaker", "spire", "split",
	"squash", "stash", "storm", "strands", "swift", "switch", "tars", "teller", "tempo",
	"temporal", "thrift", "tilt", "timescale", "topaz", "tremor", "trickster", "typhoon",
	"unleash", "unstructured", "vault", "vector", "velocity", "vineyard", "volcano", "welkin",
	"wiz", "woodpecker", "workflow", "yahoo", "yoke", "yonder", "zeppelin",
)

// wordSet is a set of words, made into a map on first use: most commands
// read none of them (scan, and search's stop words and head nouns, do), and
// building them at start-up cost every command.
type wordSet struct {
	words []string
	set   func() map[string]bool
}

func setOf(words ...string) *wordSet {
	w := &wordSet{words: words}
	w.set = sync.OnceValue(func() map[string]bool {
		m := make(map[string]bool, len(w.words))
		for _, s := range w.words {
			m[s] = true
		}
		return m
	})
	return w
}

// has reports whether s is in the set.
func (w *wordSet) has(s string) bool { return w.set()[s] }

// Squash folds every run of white space (line breaks included) into one
// space and trims both ends: text meant for one line.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }
