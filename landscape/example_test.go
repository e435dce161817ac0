package landscape_test

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
)

const exampleYAML = `landscape:
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Runtime
        items:
          - item:
            name: containerd
            homepage_url: https://containerd.io/
            logo: containerd.svg
            project: graduated
            description: An open and reliable container runtime
          - item:
            name: CRI-O
            homepage_url: https://cri-o.io/
            logo: crio.svg
            project: graduated
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
	x, _ := landscape.Parse(strings.NewReader(exampleYAML))
	// A subcategory whose name holds a slash resolves whatever the split.
	p, _ := x.FindPlace("paas/container service")
	fmt.Println(p, len(p.Items()))
	// Output: Platform/PaaS/Container Service 2
}
