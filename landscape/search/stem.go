package search

import "strings"

// Stem reduces a lower-case word to a key that its plural and common
// suffixed forms share, so that logging, logs and log meet, and registries
// and registry, policies and policy, runtimes and runtime. It is a light,
// conservative stemmer: the key is for matching only and is never shown.
// Short words and words with digits are left alone: "k8s" is a name.
func Stem(w string) string {
	if len(w) <= 3 || !isLowerASCIIWord(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y" // policies → policy
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2] // addresses → address
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1] // runtimes → runtime, logs → log
	}
	for _, suf := range []string{"ing", "ment", "ion", "ed", "er"} {
		if stem := strings.TrimSuffix(w, suf); stem != w && len(stem) >= 4 && hasVowel(stem) {
			w = stem
			// logging → logg → log; but keep "ll" (install), "ss", "zz".
			if n := len(w); suf != "ment" && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) && !strings.ContainsRune("aeiou", rune(w[n-1])) {
				w = w[:n-1]
			}
			break
		}
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1] // trace and tracing, runtime, service
	}
	if stem, ok := strings.CutSuffix(w, "isat"); ok && len(stem) >= 3 {
		w = stem + "izat" // virtualisation is virtualization
	}
	return w
}

func isLowerASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }
