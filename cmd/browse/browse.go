// Package browse is cnl's interactive terminal browser: categories →
// subcategories → items → the item's card, with filtering, maturity
// toggles and comparison. It works from the cached index alone.
//
// Rendering of cards and comparisons comes from the command layer through
// Options, so the browser shows exactly what cnl show and cnl compare show.
package browse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cnl-dev/cnl/landscape"
)

// Styles are the command layer's lipgloss styles, shared so the browser
// looks like the rest of cnl.
type Styles struct {
	Title, Dim, Header, Selected, Marked lipgloss.Style
	Maturity                             func(string) string // a coloured maturity word
}

// Options are what the browser needs from the command layer.
type Options struct {
	Index    *landscape.Index
	Styles   Styles
	Clean    func(string) string                             // makes untrusted text safe for the terminal
	Truncate func(s string, width int) string                // fits text in width cells, ending in "…"
	Card     func(it *landscape.Item, width int) string      // the cnl show card
	Compare  func(items []*landscape.Item, width int) string // the cnl compare table
	Open     func(url string) error                          // opens a URL in the system browser
	Start    string                                          // a place or an item to open at
}

type level int

const (
	levelCategories level = iota
	levelSubcategories
	levelItems
	levelSearch // top-level search over the whole landscape
	levelDetail
	levelCompare
	levelHelp
)

// entry is one line of a list.
type entry struct {
	label string
	count int
	cat   int // category position, or -1
	sub   int // subcategory position, or -1
	item  int // item position, or -1
}

// screen is one level the user is on; Model keeps a stack of them.
type screen struct {
	level   level
	title   string
	cat     int
	sub     int
	item    int
	entries []entry
	cursor  int
	offset  int
	query   string
}

// Model is the browser's state.
type Model struct {
	opts     Options
	stack    []*screen
	width    int
	height   int
	filter   lineInput
	typing   bool
	maturity map[string]bool // shown maturities; empty shows all
	marked   []int
	status   string
	view     viewport.Model
}

// New builds the browser, opened at opts.Start when it is set.
func New(opts Options) (*Model, error) {
	m := &Model{opts: opts, width: 80, height: 24, filter: lineInput{prompt: "/", limit: 100}, maturity: map[string]bool{}}
	m.push(&screen{level: levelCategories, title: "CNCF Landscape", cat: -1, sub: -1, item: -1})
	if opts.Start != "" {
		if err := m.openAt(opts.Start); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// openAt opens a category path, else the item a name resolves to, under
// its category and subcategory so that going back lands in its list.
func (m *Model) openAt(start string) error {
	x := m.opts.Index
	if p, err := x.FindPlace(start); err == nil {
		sub := ""
		if p.Sub != nil {
			sub = p.Sub.Name
		}
		m.openPath(p.Category.Name, sub)
		return nil
	}
	res, err := x.Resolve(start)
	if err != nil {
		return err
	}
	m.openPath(res.Item.Category, res.Item.Subcategory)
	for i := range x.Len() {
		if x.Summary(i).Slug == res.Item.Slug {
			if s := m.top(); s.level == levelItems {
				s.cursor = max(0, slices.IndexFunc(s.entries, func(e entry) bool { return e.item == i }))
			}
			m.openDetail(i)
			break
		}
	}
	return nil
}

// openPath opens a category and, when sub is set, its subcategory.
func (m *Model) openPath(cat, sub string) {
	x := m.opts.Index
	ci := slices.IndexFunc(x.Categories, func(c landscape.Category) bool { return c.Name == cat })
	if ci < 0 {
		return
	}
	m.openCategory(ci)
	if sub != "" {
		m.openSubcategory(ci, slices.IndexFunc(x.Categories[ci].Subcategories, func(s landscape.Subcategory) bool { return s.Name == sub }))
	}
}

func (m *Model) top() *screen { return m.stack[len(m.stack)-1] }

func (m *Model) push(s *screen) {
	m.stack = append(m.stack, s)
	m.refresh()
}

func (m *Model) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
		m.refresh()
	}
}

// shown reports whether an item passes the maturity toggles.
func (m *Model) shown(i int) bool {
	return len(m.maturity) == 0 || m.maturity[m.opts.Index.Summary(i).Project]
}

func (m *Model) maturityFilter() []string {
	var out []string
	for _, mt := range landscape.Maturities {
		if m.maturity[mt] {
			out = append(out, mt)
		}
	}
	return out
}

// refresh recomputes the entries of the current screen from the filters.
func (m *Model) refresh() {
	s := m.top()
	x := m.opts.Index
	clean := m.opts.Clean
	q := strings.ToLower(strings.TrimSpace(s.query))
	count := func(items []int) int {
		n := 0
		for _, i := range items {
			if m.shown(i) {
				n++
			}
		}
		return n
	}
	s.entries = s.entries[:0]
	switch s.level {
	case levelCategories:
		for ci, c := range x.Categories {
			p := landscape.Place{Category: &x.Categories[ci]}
			s.entries = append(s.entries, entry{label: clean(c.Name), count: count(p.Items()), cat: ci, sub: -1, item: -1})
		}
	case levelSubcategories:
		for si, sc := range x.Categories[s.cat].Subcategories {
			if q == "" || strings.Contains(strings.ToLower(sc.Name), q) {
				s.entries = append(s.entries, entry{label: clean(sc.Name), count: count(sc.Items), cat: s.cat, sub: si, item: -1})
			}
		}
	case levelItems:
		sc := &x.Categories[s.cat].Subcategories[s.sub]
		var idx []int
		if q != "" {
			// The same ranking as cnl search, within this subcategory.
			rs, _ := x.Search(landscape.Query{Text: q, Subcategory: x.Categories[s.cat].Name + "/" + sc.Name, Maturity: m.maturityFilter()})
			for _, r := range rs {
				idx = append(idx, r.Index)
			}
		} else {
			for _, i := range sc.Items {
				if m.shown(i) {
					idx = append(idx, i)
				}
			}
			slices.SortStableFunc(idx, func(a, b int) int {
				return strings.Compare(strings.ToLower(x.Summary(a).Name), strings.ToLower(x.Summary(b).Name))
			})
		}
		for _, i := range idx {
			s.entries = append(s.entries, entry{label: clean(x.Summary(i).Name), cat: -1, sub: -1, item: i})
		}
	case levelSearch:
		rs, _ := x.Search(landscape.Query{Text: s.query, Maturity: m.maturityFilter()})
		for _, r := range rs[:min(len(rs), 200)] {
			s.entries = append(s.entries, entry{label: clean(r.Name), cat: -1, sub: -1, item: r.Index})
		}
	case levelDetail:
		m.view.SetContent(m.opts.Card(x.Item(s.item), m.width))
	case levelCompare:
		items := make([]*landscape.Item, len(m.marked))
		for i, n := range m.marked {
			items[i] = x.Item(n)
		}
		m.view.SetContent(m.opts.Compare(items, m.width))
	case levelHelp:
		m.view.SetContent(helpText)
	}
	s.cursor = min(s.cursor, max(0, len(s.entries)-1))
	m.view.Width, m.view.Height = m.width, max(1, m.height-2)
}

func (m *Model) openCategory(ci int) {
	if ci < 0 {
		return
	}
	m.push(&screen{level: levelSubcategories, title: m.opts.Clean(m.opts.Index.Categories[ci].Name), cat: ci, sub: -1, item: -1})
}

func (m *Model) openSubcategory(ci, si int) {
	if ci < 0 || si < 0 {
		return
	}
	m.push(&screen{level: levelItems, title: m.opts.Clean(m.opts.Index.Categories[ci].Subcategories[si].Name), cat: ci, sub: si, item: -1})
}

func (m *Model) openDetail(i int) {
	m.push(&screen{level: levelDetail, title: m.opts.Clean(m.opts.Index.Summary(i).Name), cat: -1, sub: -1, item: i})
	m.view.GotoTop()
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.refresh()
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return m, tea.Quit
		}
		if m.typing {
			return m.updateFilter(msg)
		}
		// Keys typed fast arrive together ("jj"), and Esc followed fast
		// by a key arrives as Alt+key: take them one at a time.
		if msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Alt) {
			var cmds []tea.Cmd
			if msg.Alt {
				_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
				cmds = append(cmds, cmd)
			}
			for _, r := range msg.Runes {
				_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
				cmds = append(cmds, cmd)
			}
			return m, tea.Batch(cmds...)
		}
		return m.updateKeys(msg)
	}
	return m, nil
}

func (m *Model) updateFilter(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	s := m.top()
	switch msg.Type {
	case tea.KeyEsc:
		m.typing = false
		m.filter.SetValue("")
		if s.level == levelSearch {
			m.pop()
		} else {
			s.query = ""
			m.refresh()
		}
		return m, nil
	case tea.KeyEnter:
		m.typing = false
		return m, nil
	case tea.KeyUp, tea.KeyDown:
		return m.updateKeys(msg)
	}
	m.filter.Update(msg)
	s.query = m.filter.Value()
	s.cursor, s.offset = 0, 0
	m.refresh()
	return m, nil
}

func (m *Model) updateKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	s := m.top()
	list := s.level <= levelSearch
	key := msg.String()
	m.status = ""
	switch key {
	case "q":
		return m, tea.Quit
	case "?":
		if s.level == levelHelp {
			m.pop()
		} else {
			m.push(&screen{level: levelHelp, title: "Keys", cat: -1, sub: -1, item: -1})
		}
		return m, nil
	case "esc", "backspace", "left", "h":
		if s.query != "" && list {
			s.query = ""
			m.filter.SetValue("")
			m.refresh()
		} else {
			m.pop()
		}
		return m, nil
	case "/":
		if !list {
			return m, nil
		}
		if s.level == levelCategories {
			m.push(&screen{level: levelSearch, title: "Search", cat: -1, sub: -1, item: -1})
		}
		m.typing = true
		m.filter.SetValue(m.top().query)
		return m, nil
	case "g", "i", "s":
		mt := map[string]string{"g": landscape.Graduated, "i": landscape.Incubating, "s": landscape.Sandbox}[key]
		if m.maturity[mt] {
			delete(m.maturity, mt)
		} else {
			m.maturity[mt] = true
		}
		m.refresh()
		return m, nil
	case "c":
		if i := m.currentItem(); i >= 0 {
			if at := slices.Index(m.marked, i); at >= 0 {
				m.marked = slices.Delete(m.marked, at, at+1)
			} else {
				m.marked = append(m.marked, i)
			}
		}
		return m, nil
	case "C":
		if len(m.marked) < 2 {
			m.status = "mark two items or more with c to compare them"
			return m, nil
		}
		m.push(&screen{level: levelCompare, title: fmt.Sprintf("Comparing %d items", len(m.marked)), cat: -1, sub: -1, item: -1})
		m.view.GotoTop()
		return m, nil
	case "o":
		if i := m.currentItem(); i >= 0 {
			u := m.opts.Index.Item(i).HomepageURL
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				m.status = "no homepage to open"
			} else if err := m.opts.Open(u); err != nil {
				m.status = "cannot open a browser here: " + m.opts.Clean(u)
			} else {
				m.status = "opened " + m.opts.Clean(u)
			}
		}
		return m, nil
	}
	if !list {
		var cmd tea.Cmd
		m.view, cmd = m.view.Update(msg)
		return m, cmd
	}
	switch key {
	case "up", "k":
		s.cursor = max(0, s.cursor-1)
	case "down", "j":
		s.cursor = min(len(s.entries)-1, s.cursor+1)
	case "pgup":
		s.cursor = max(0, s.cursor-m.listHeight())
	case "pgdown":
		s.cursor = max(0, min(len(s.entries)-1, s.cursor+m.listHeight()))
	case "home":
		s.cursor = 0
	case "end":
		s.cursor = max(0, len(s.entries)-1)
	case "enter", "right", "l":
		if len(s.entries) == 0 {
			return m, nil
		}
		e := s.entries[s.cursor]
		switch {
		case e.item >= 0:
			m.openDetail(e.item)
		case e.sub >= 0:
			m.openSubcategory(e.cat, e.sub)
		default:
			m.openCategory(e.cat)
		}
	}
	return m, nil
}

// currentItem is the item under the cursor or shown in detail, or -1.
func (m *Model) currentItem() int {
	s := m.top()
	if s.level == levelDetail {
		return s.item
	}
	if s.level <= levelSearch && len(s.entries) > 0 {
		return s.entries[s.cursor].item
	}
	return -1
}

func (m *Model) listHeight() int { return max(1, m.height-3) }

// View implements tea.Model.
func (m *Model) View() string {
	s := m.top()
	st := m.opts.Styles
	var b strings.Builder
	b.WriteString(m.header() + "\n")
	if s.level > levelSearch {
		b.WriteString(m.view.View() + "\n")
	} else {
		h := m.listHeight()
		if s.cursor < s.offset {
			s.offset = s.cursor
		}
		if s.cursor >= s.offset+h {
			s.offset = s.cursor - h + 1
		}
		lines := 0
		for i := s.offset; i < len(s.entries) && lines < h; i++ {
			b.WriteString(m.line(s, i) + "\n")
			lines++
		}
		if len(s.entries) == 0 {
			b.WriteString(st.Dim.Render("  nothing here with these filters") + "\n")
			lines++
		}
		for ; lines < h; lines++ {
			b.WriteString("\n")
		}
	}
	b.WriteString(m.footer())
	return b.String()
}

func (m *Model) header() string {
	st := m.opts.Styles
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.title)
	}
	left := st.Title.Render(m.opts.Truncate(strings.Join(crumbs, " › "), max(10, m.width-24)))
	var chips []string
	for _, mt := range landscape.Maturities[:3] {
		if m.maturity[mt] {
			chips = append(chips, st.Maturity(mt))
		}
	}
	right := strings.Join(chips, " ")
	if len(m.marked) > 0 {
		right += st.Marked.Render(fmt.Sprintf(" ✓%d", len(m.marked)))
	}
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) line(s *screen, i int) string {
	st := m.opts.Styles
	e := s.entries[i]
	mark := "  "
	if e.item >= 0 && slices.Contains(m.marked, e.item) {
		mark = st.Marked.Render("✓ ")
	}
	right := ""
	switch {
	case e.item >= 0:
		right = st.Maturity(m.opts.Index.Summary(e.item).Project)
		if s.level == levelSearch {
			sum := m.opts.Index.Summary(e.item)
			right = st.Dim.Render(m.opts.Truncate(m.opts.Clean(sum.Subcategory), 28)) + "  " + right
		}
	default:
		right = st.Dim.Render(fmt.Sprintf("%d", e.count))
	}
	width := max(10, m.width-4-lipgloss.Width(right))
	label := m.opts.Truncate(e.label, width)
	pad := strings.Repeat(" ", max(1, m.width-2-lipgloss.Width(label)-lipgloss.Width(right)))
	text := label + pad + right
	if i == s.cursor {
		return mark + st.Selected.Render(text)
	}
	return mark + text
}

func (m *Model) footer() string {
	st := m.opts.Styles
	if m.typing {
		return m.filter.View(st.Selected, m.opts.Clean)
	}
	if m.status != "" {
		return st.Header.Render(m.opts.Truncate(m.status, m.width))
	}
	s := m.top()
	keys := "↑↓ move · enter open · esc back · / filter · g/i/s maturity · c mark · C compare · o open · ? keys · q quit"
	if s.level == levelCategories {
		keys = "↑↓ move · enter open · / search all · g/i/s maturity · ? keys · q quit"
	}
	if s.query != "" {
		keys = "filter: " + m.opts.Clean(s.query) + " · esc clears · " + keys
	}
	return st.Dim.Render(m.opts.Truncate(keys, m.width))
}

const helpText = `Keys

  ↑ ↓  j k         move          pgup pgdn home end   page
  enter → l        open          esc backspace ← h    back
  /                filter the list as you type (same ranking as cnl search);
                   on the first screen, search the whole landscape
  g  i  s          show only graduated / incubating / sandbox (toggles)
  c                mark or unmark the item for comparison
  C                compare the marked items (cnl compare)
  o                open the homepage in your browser
  ?                this help          q  ctrl+c   quit

Everything comes from the local cache: no network is needed.`
