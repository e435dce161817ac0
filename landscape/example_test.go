package landscape_test

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
)

// placesYAML is a landscape of one subcategory whose name holds a slash.
const placesYAML = `landscape:
  - category:
    name: Platform
    subcategories:
      - subcategory:
        name: PaaS/Container Service
        items:
          - item:
            name: Talos Linux
            homepage_url: https://talos.dev/
            logo: talos.svg
          - item:
            name: Sidero Talos Linux
            homepage_url: https://siderolabs.com/
            logo: sidero.svg
`

func ExampleIndex_FindPlace() {
	x, _ := landscape.Parse(strings.NewReader(placesYAML))
	// A subcategory whose name holds a slash resolves whatever the split.
	p, _ := x.FindPlace("paas/container service")
	fmt.Println(p, len(p.Items()))
	// Output: Platform/PaaS/Container Service 2
}
