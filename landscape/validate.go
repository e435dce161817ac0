package landscape

import (
	"fmt"
	"strings"
)

// Validate checks what the data reference requires of every item: a name,
// a homepage_url and a logo. The error names the first item that lacks
// one, by its line.
func (x *Index) Validate() error {
	for i := range x.Len() {
		it := x.Item(i)
		var missing []string
		if strings.TrimSpace(it.HomepageURL) == "" {
			missing = append(missing, "homepage_url")
		}
		if strings.TrimSpace(it.Logo) == "" {
			missing = append(missing, "logo")
		}
		if len(missing) > 0 {
			return fmt.Errorf("line %d: item %q has no %s", it.Line, it.Name, strings.Join(missing, " or "))
		}
	}
	return nil
}
