package search_test

import (
	"fmt"
	"strings"

	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/search"
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

func ExampleSearch() {
	x, err := landscape.Parse(strings.NewReader(exampleYAML))
	if err != nil {
		panic(err)
	}
	results, _ := search.Search(x, search.Query{Text: "contanerd"}) // a typo
	for _, r := range results {
		fmt.Println(r.Name, "-", x.Item(r.Index).Path())
	}
	// Output: containerd - Runtime/Container Runtime
}

func ExampleResolve() {
	x, _ := landscape.Parse(strings.NewReader(exampleYAML))
	// "talos" is what people call Talos Linux: an exact alias.
	res, _ := search.Resolve(x, "talos")
	fmt.Println(res.Item.Name, res.Exact)
	// A loose name resolves when few items share it, with the others.
	res, _ = search.Resolve(x, "talos lin")
	fmt.Println(res.Item.Name, res.Exact)
	for _, o := range res.Others {
		fmt.Println("also:", o.Name)
	}
	// A topic names no project.
	_, err := search.Resolve(x, "container runtime")
	fmt.Println(err)
	// Output:
	// Talos Linux true
	// Talos Linux false
	// also: Sidero Talos Linux
	// "container runtime" is a topic, not a project; it could be "containerd" or "CRI-O"
}
