// Package browse is cnl's interactive terminal browser: categories →
// subcategories → items → the item's card, with filtering, maturity
// toggles and comparison. It works from the cached index alone.
//
// Cards and comparisons are drawn by cmd/internal/ui, as cnl show and cnl
// compare draw them, so the browser shows exactly what they show.
package browse

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/sahilm/fuzzy"

	"github.com/cnl-dev/cnl/cmd/internal/ui"
	"github.com/cnl-dev/cnl/landscape"
	"github.com/cnl-dev/cnl/landscape/lexicon"
	"github.com/cnl-dev/cnl/landscape/search"
)

// Options are what the browser needs from the command layer: the
// landscape, its styles (the command line's colour decision) and what
// only the commands know (the guide's introductions, how to open a URL).
// Cards, comparisons, text and widths come from ui, as the commands'
// do, so the browser looks like the rest of cnl.
type Options struct {
	Index  *landscape.Index
	Title  string                                  // the landscape's name, first in the breadcrumb
	Intro  func(cat, sub string, width int) string // the guide's first paragraph for a place, or ""
	Styles *ui.Styles                              // the command line's, for its colour decision
	Open   func(url string) error                  // opens a URL in the system browser
	Start  string                                  // a place or an item to open at
	Now    func() time.Time                        // the clock cards are dated by; nil is the system's
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
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
	hl    []int // the label's bytes a filter matched, to highlight
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
	yoffset int // of a scrolled card, comparison or help, kept when going back to it
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
	m := &Model{opts: opts, width: 80, height: 24, filter: lineInput{prompt: "/", limit: 100}, maturity: map[string]bool{}, view: viewport.New()}
	title := opts.Title
	if title == "" {
		title = "Landscape"
	}
	m.push(&screen{level: levelCategories, title: title, cat: -1, sub: -1, item: -1})
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
	res, err := search.Resolve(x, start)
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

// push opens a screen; a scrolled view starts at its top.
func (m *Model) push(s *screen) {
	m.top0().yoffset = m.view.YOffset()
	m.stack = append(m.stack, s)
	m.refresh()
	m.view.SetYOffset(0)
}

// pop goes back to the screen below, scrolled where it was left.
func (m *Model) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
		m.refresh()
		m.view.SetYOffset(m.top().yoffset)
	}
}

// top0 is the current screen, or a throwaway one before the first push.
func (m *Model) top0() *screen {
	if len(m.stack) == 0 {
		return &screen{}
	}
	return m.top()
}

// shown reports whether an item passes the maturity toggles.
func (m *Model) shown(i int) bool {
	return len(m.maturity) == 0 || m.maturity[m.opts.Index.Summary(i).Maturity]
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
	clean := ui.Clean
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
		subs := x.Categories[s.cat].Subcategories
		labels := make([]string, len(subs))
		for si, sc := range subs {
			labels[si] = clean(sc.Name)
		}
		for _, f := range filtered(q, labels) {
			s.entries = append(s.entries, entry{label: labels[f.Index], hl: f.MatchedIndexes, count: count(subs[f.Index].Items), cat: s.cat, sub: f.Index, item: -1})
		}
	case levelItems:
		sc := &x.Categories[s.cat].Subcategories[s.sub]
		var idx []int
		for _, i := range sc.Items {
			if m.shown(i) {
				idx = append(idx, i)
			}
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			return strings.Compare(strings.ToLower(x.Summary(a).Name), strings.ToLower(x.Summary(b).Name))
		})
		labels := make([]string, len(idx))
		for k, i := range idx {
			labels[k] = clean(x.Summary(i).Name)
		}
		for _, f := range filtered(q, labels) {
			s.entries = append(s.entries, entry{label: labels[f.Index], hl: f.MatchedIndexes, cat: -1, sub: -1, item: idx[f.Index]})
		}
		if q != "" {
			// Then what the names do not say: the same ranking as cnl
			// search, within this subcategory (descriptions, typos).
			rs, _ := search.Search(x, search.Query{Text: q, Subcategory: x.Categories[s.cat].Name + "/" + sc.Name, Maturity: m.maturityFilter()})
			for _, r := range rs {
				if !slices.ContainsFunc(s.entries, func(e entry) bool { return e.item == r.Index }) {
					s.entries = append(s.entries, entry{label: clean(r.Name), cat: -1, sub: -1, item: r.Index})
				}
			}
		}
	case levelSearch:
		rs, _ := search.Search(x, search.Query{Text: s.query, Maturity: m.maturityFilter()})
		for _, r := range rs[:min(len(rs), 200)] {
			s.entries = append(s.entries, entry{label: clean(r.Name), cat: -1, sub: -1, item: r.Index})
		}
	case levelDetail:
		m.view.SetContent(ui.RenderCard(m.opts.Styles, x, x.Item(s.item), m.width, m.opts.now()))
	case levelCompare:
		items := make([]*landscape.Item, len(m.marked))
		for i, n := range m.marked {
			items[i] = x.Item(n)
		}
		m.view.SetContent(ui.RenderCompare(m.opts.Styles, items, ui.CompareRows(x, items, m.opts.now()), m.width))
	case levelHelp:
		m.view.SetContent(keys.helpText())
	}
	s.cursor = min(s.cursor, max(0, len(s.entries)-1))
	m.view.SetWidth(m.width)
	m.view.SetHeight(max(1, m.height-2))
}

func (m *Model) openCategory(ci int) {
	if ci < 0 {
		return
	}
	m.push(&screen{level: levelSubcategories, title: ui.Clean(m.opts.Index.Categories[ci].Name), cat: ci, sub: -1, item: -1})
}

func (m *Model) openSubcategory(ci, si int) {
	if ci < 0 || si < 0 {
		return
	}
	m.push(&screen{level: levelItems, title: ui.Clean(m.opts.Index.Categories[ci].Subcategories[si].Name), cat: ci, sub: si, item: -1})
}

func (m *Model) openDetail(i int) {
	m.push(&screen{level: levelDetail, title: ui.Clean(m.opts.Index.Summary(i).Name), cat: -1, sub: -1, item: i})
}

// filtered are the labels a list's filter keeps, as fzf keeps them: the
// filter's letters in order (spaces aside), best match first, with the
// bytes matched; every label, in order, without a filter.
func filtered(q string, labels []string) []fuzzy.Match {
	q = strings.ReplaceAll(q, " ", "")
	if q == "" {
		all := make([]fuzzy.Match, len(labels))
		for i, l := range labels {
			all[i] = fuzzy.Match{Str: l, Index: i}
		}
		return all
	}
	return fuzzy.Find(q, labels)
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.refresh()
		m.follow()
		return m, nil
	case tea.PasteMsg:
		if m.typing {
			m.filter.insert([]rune(msg.Content))
			m.filterChanged()
		}
		return m, nil
	case tea.KeyPressMsg:
		if pressed := msg.String(); keys.Quit.is(pressed) && (!m.typing || pressed == "ctrl+c") {
			return m, tea.Quit
		}
		defer m.follow()
		if m.typing {
			return m.updateFilter(msg)
		}
		return m.updateKeys(msg)
	}
	return m, nil
}

// follow scrolls a list so that its cursor is on the screen: after every
// change, so that drawing changes nothing.
func (m *Model) follow() {
	s := m.top()
	h := m.listHeight()
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+h {
		s.offset = s.cursor - h + 1
	}
}

func (m *Model) updateFilter(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s := m.top()
	pressed := msg.String()
	switch {
	case keys.Drop.is(pressed):
		m.typing = false
		if s.level == levelSearch {
			m.filter.SetValue("")
			m.pop()
		} else {
			m.clearFilter(s)
		}
		return m, nil
	case keys.Keep.is(pressed):
		m.typing = false
		return m, nil
	case keys.MoveTyping.is(pressed):
		return m.updateKeys(msg)
	}
	m.filter.Update(msg)
	m.filterChanged()
	return m, nil
}

// clearFilter drops a list's filter and keeps the cursor on the entry it
// was on, rather than sending it to the top.
func (m *Model) clearFilter(s *screen) {
	var on entry
	had := len(s.entries) > 0
	if had {
		on = s.entries[s.cursor]
	}
	s.query = ""
	m.filter.SetValue("")
	m.refresh()
	if !had {
		return
	}
	for i, e := range s.entries {
		if e.item == on.item && e.cat == on.cat && e.sub == on.sub {
			s.cursor = i
			s.offset = max(0, i-m.listHeight()/2)
			return
		}
	}
}

// filterChanged applies the typed filter to the list.
func (m *Model) filterChanged() {
	s := m.top()
	s.query = m.filter.Value()
	s.cursor, s.offset = 0, 0
	m.refresh()
}

func (m *Model) updateKeys(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s := m.top()
	list := s.level <= levelSearch
	pressed := msg.String()
	m.status = ""
	switch {
	case keys.Help.is(pressed):
		if s.level == levelHelp {
			m.pop()
		} else {
			m.push(&screen{level: levelHelp, title: "Keys", cat: -1, sub: -1, item: -1})
		}
		return m, nil
	case keys.Back.is(pressed):
		// One meaning each: a search is left whole; a filter on a list
		// is cleared, the cursor staying on its entry; else back.
		if s.query != "" && list && s.level != levelSearch {
			m.clearFilter(s)
		} else {
			m.pop()
		}
		return m, nil
	case keys.Filter.is(pressed):
		if !list {
			return m, nil
		}
		if s.level == levelCategories {
			m.push(&screen{level: levelSearch, title: "Search", cat: -1, sub: -1, item: -1})
		}
		m.typing = true
		m.filter.SetValue(m.top().query)
		return m, nil
	case keys.Maturity.is(pressed):
		mt := map[string]string{"g": landscape.Graduated, "i": landscape.Incubating, "s": landscape.Sandbox}[pressed]
		if m.maturity[mt] {
			delete(m.maturity, mt)
		} else {
			m.maturity[mt] = true
		}
		m.refresh()
		return m, nil
	case keys.Mark.is(pressed):
		if i := m.currentItem(); i >= 0 {
			if at := slices.Index(m.marked, i); at >= 0 {
				m.marked = slices.Delete(m.marked, at, at+1)
			} else {
				m.marked = append(m.marked, i)
			}
		}
		return m, nil
	case keys.Compare.is(pressed):
		if len(m.marked) < 2 {
			m.status = "mark two items or more with c to compare them"
			return m, nil
		}
		m.push(&screen{level: levelCompare, title: fmt.Sprintf("Comparing %d items", len(m.marked)), cat: -1, sub: -1, item: -1})
		return m, nil
	case keys.Homepage.is(pressed):
		if i := m.currentItem(); i >= 0 {
			u := m.opts.Index.Item(i).HomepageURL
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				m.status = "no homepage to open"
			} else if err := m.opts.Open(u); err != nil {
				m.status = "cannot open a browser here: " + ui.Clean(u)
			} else {
				m.status = "opened " + ui.Clean(u)
			}
		}
		return m, nil
	}
	if !list {
		switch {
		case pressed == "home":
			m.view.GotoTop()
		case pressed == "end":
			m.view.GotoBottom()
		default:
			var cmd tea.Cmd
			m.view, cmd = m.view.Update(msg)
			return m, cmd
		}
		return m, nil
	}
	up := pressed == "up" || pressed == "k" || pressed == "pgup" || pressed == "home"
	switch {
	case keys.Move.is(pressed) && up:
		s.cursor = max(0, s.cursor-1)
	case keys.Move.is(pressed):
		s.cursor = min(len(s.entries)-1, s.cursor+1)
	case keys.Page.is(pressed) && up:
		s.cursor = max(0, s.cursor-m.listHeight())
	case keys.Page.is(pressed):
		s.cursor = max(0, min(len(s.entries)-1, s.cursor+m.listHeight()))
	case keys.Ends.is(pressed) && up:
		s.cursor = 0
	case keys.Ends.is(pressed):
		s.cursor = max(0, len(s.entries)-1)
	case keys.Open.is(pressed):
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

// listHeight is the number of list rows: the screen less the header,
// the footer and the guide's introduction, when there is one.
func (m *Model) listHeight() int { return max(1, m.height-2-len(m.intro())) }

// intro is the guide's first paragraph for the place on screen, at most a
// third of the screen, with where to read on.
func (m *Model) intro() []string {
	s := m.top()
	if m.opts.Intro == nil || (s.level != levelSubcategories && s.level != levelItems) || s.query != "" {
		return nil
	}
	x := m.opts.Index
	sub := ""
	if s.sub >= 0 {
		sub = x.Categories[s.cat].Subcategories[s.sub].Name
	}
	text := strings.TrimRight(m.opts.Intro(x.Categories[s.cat].Name, sub, m.width-2), "\n")
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	if room := max(2, m.height/3); len(lines) > room {
		more := lines[len(lines)-1]
		lines = append(lines[:room-2], ui.Truncate(lines[room-2]+" …", m.width-2), more)
	}
	return append(lines, "")
}

// View implements tea.Model: the browser fills the terminal's alternate
// screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	return v
}

// Render draws the screen as text: the header, the list or the scrolled
// view, and the footer.
func (m *Model) Render() string {
	s := m.top()
	st := m.opts.Styles
	var b strings.Builder
	b.WriteString(m.header() + "\n")
	if s.level > levelSearch {
		b.WriteString(m.view.View() + "\n")
	} else {
		for _, l := range m.intro() {
			b.WriteString("  " + st.Dim.Render(l) + "\n")
		}
		h := m.listHeight()
		cols := m.columns(s)
		lines := 0
		for i := s.offset; i < len(s.entries) && lines < h; i++ {
			b.WriteString(m.line(s, i, cols) + "\n")
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
	var chips []string
	for _, mt := range landscape.Maturities[:3] {
		if m.maturity[mt] {
			chips = append(chips, st.Maturity(mt))
		}
	}
	right := strings.Join(chips, " ")
	if len(m.marked) > 0 {
		right += st.Marked().Render(fmt.Sprintf(" ✓%d", len(m.marked)))
	}
	room := max(10, m.width-lipgloss.Width(right)-1)
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.title)
	}
	// Cut the breadcrumb from the left: where you are matters more than
	// where you came from.
	line := strings.Join(crumbs, " › ")
	for len(crumbs) > 1 && lipgloss.Width(line) > room {
		crumbs = crumbs[1:]
		line = "… › " + strings.Join(crumbs, " › ")
	}
	left := st.Title.Render(ui.Truncate(line, room))
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

// columns are the widths of a list's columns, so every row lines up at
// every width: the name, and on the right the place (search results) and
// the maturity, or a count; what is left goes to descriptions.
type columns struct{ name, place, maturity, right int }

func (m *Model) columns(s *screen) columns {
	var c columns
	for i := range s.entries {
		e := s.entries[i]
		c.name = max(c.name, lipgloss.Width(e.label))
		if e.item < 0 {
			c.right = max(c.right, lipgloss.Width(fmt.Sprintf("%d", e.count)))
			continue
		}
		sum := m.opts.Index.Summary(e.item)
		c.maturity = max(c.maturity, lipgloss.Width(m.opts.Styles.Maturity(sum.Maturity)))
		if s.level == levelSearch {
			c.place = max(c.place, lipgloss.Width(ui.Clean(sum.Subcategory)))
		}
	}
	if c.place > 0 {
		// The place gets what a third of the screen leaves beside the
		// maturity, at most 24 cells; below 6 it says nothing and goes.
		c.place = min(c.place, 24, m.width/3-c.maturity-2)
		if c.place < 6 {
			c.place = 0
		}
	}
	if c.maturity > 0 {
		c.right = c.maturity
		if c.place > 0 {
			c.right += 2 + c.place
		}
	}
	limit := m.width - 4 - c.right
	if s.level == levelItems || s.level == levelSearch {
		limit = min(limit, max(16, m.width*2/5)) // leave room for the description
	}
	if s.level == levelItems || s.level == levelSearch {
		// Names as long as nine in ten of them; the longest are cut, not
		// every description.
		ws := make([]int, len(s.entries))
		for i := range s.entries {
			ws[i] = lipgloss.Width(s.entries[i].label)
		}
		slices.Sort(ws)
		if len(ws) > 0 {
			limit = min(limit, ws[len(ws)*9/10])
		}
	}
	c.name = max(4, min(c.name, limit))
	return c
}

// right is the right-hand column of an entry, c.right cells wide: a count
// for places, right-aligned; for items the maturity, after the place in
// search results, each in its own aligned column.
func (m *Model) right(e entry, c columns) string {
	st := m.opts.Styles
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s))) }
	if e.item < 0 {
		n := fmt.Sprintf("%d", e.count)
		return strings.Repeat(" ", max(0, c.right-len(n))) + st.Dim.Render(n)
	}
	sum := m.opts.Index.Summary(e.item)
	r := pad(st.Maturity(sum.Maturity), c.maturity)
	if c.place > 0 {
		r = pad(st.Dim.Render(m.cutPlace(ui.Clean(sum.Subcategory), c.place)), c.place) + "  " + r
	}
	return r
}

// cutPlace fits a subcategory in w cells keeping its last word, which
// tells places apart ("Co… Runtime", "Co… Registry").
func (m *Model) cutPlace(s string, w int) string {
	at := strings.LastIndexByte(s, ' ')
	if lipgloss.Width(s) <= w || at <= 0 || w-lipgloss.Width(s[at:]) < 3 {
		return ui.Truncate(s, w)
	}
	return ui.Truncate(s[:at], w-lipgloss.Width(s[at:])) + s[at:]
}

// line draws one row: a cursor marker that shows without colour, the
// comparison mark, the name, the description where there is room, and
// the right-hand column.
func (m *Model) line(s *screen, i int, c columns) string {
	st := m.opts.Styles
	e := s.entries[i]
	cursor, mark := " ", " "
	if i == s.cursor {
		cursor = "›"
	}
	if e.item >= 0 && slices.Contains(m.marked, e.item) {
		mark = st.Marked().Render("✓")
	}
	name := ui.Truncate(e.label, c.name)
	right := m.right(e, c)
	mid := strings.Repeat(" ", c.name-lipgloss.Width(name))
	if len(e.hl) > 0 && i != s.cursor {
		// The letters the filter matched, those the cut left.
		kept := len(strings.TrimSuffix(name, "…"))
		name = ui.Highlight(st, name, slices.DeleteFunc(slices.Clone(e.hl), func(at int) bool { return at >= kept }))
	}
	if descW := m.width - 4 - c.name - 2 - c.right - 2; e.item >= 0 && descW >= 10 {
		desc := ui.Truncate(lexicon.Squash(ui.Clean(m.opts.Index.Summary(e.item).Description)), descW)
		mid += "  " + st.Dim.Render(desc) + strings.Repeat(" ", descW-lipgloss.Width(desc))
	}
	text := name + mid + "  " + right
	if pad := m.width - 2 - lipgloss.Width(text); pad > 0 && e.item < 0 {
		text = name + mid + strings.Repeat(" ", pad+2) + right
	}
	if i == s.cursor {
		return cursor + mark + st.Selected.Render(text)
	}
	return cursor + mark + text
}

// oneLine joins a text's lines with spaces.

func (m *Model) footer() string {
	st := m.opts.Styles
	if m.typing {
		return m.filter.View(st.Selected, ui.Clean)
	}
	if m.status != "" {
		return st.Header.Render(ui.Truncate(m.status, m.width))
	}
	s := m.top()
	k := &keys
	// The keys that matter most first: the narrowest screen keeps them.
	type say struct {
		b  *binding
		as string // the binding's words here, if not its own
	}
	rest := []say{{&k.Maturity, ""}, {&k.Mark, ""}, {&k.Compare, ""}, {&k.Homepage, ""}}
	var plan []say
	var first string // the state the keys act on: a filter, the scroll
	switch {
	case s.level == levelCategories:
		plan = []say{{&k.Move, ""}, {&k.Open, ""}, {&k.Filter, "search all"}, {&k.Maturity, ""}}
	case s.level > levelSearch:
		plan = []say{{&k.Move, k.Page.footerKeys + " " + k.Ends.footerKeys + " scroll"}, {&k.Back, ""}}
		if s.level == levelDetail {
			plan = append(plan, say{&k.Homepage, "open homepage"}, say{&k.Mark, ""})
		}
		if m.view.TotalLineCount() > m.view.Height() {
			first = fmt.Sprintf("%3.f%%", m.view.ScrollPercent()*100)
		}
	case s.level == levelSearch:
		plan = append([]say{{&k.Back, "leave search"}, {&k.Open, ""}, {&k.Filter, "edit"}, {&k.Move, ""}}, rest...)
		if s.query != "" {
			first = "search: " + ui.Truncate(ui.Clean(s.query), 20)
		}
	case s.query != "":
		plan = append([]say{{&k.Back, "clear filter"}, {&k.Open, ""}, {&k.Filter, "edit"}, {&k.Move, ""}}, rest...)
		first = "filter: " + ui.Truncate(ui.Clean(s.query), 20)
	default:
		plan = append([]say{{&k.Move, ""}, {&k.Open, ""}, {&k.Back, ""}, {&k.Filter, ""}}, rest...)
	}
	var says []string
	if first != "" {
		says = append(says, first)
	}
	for _, p := range plan {
		says = append(says, p.b.says(p.as))
	}
	// The keys that matter least go first when the screen is narrow; the
	// way to the rest (?) and out (q) stay.
	tail := []string{k.Help.says(""), k.Quit.says("")}
	for len(says) > 1 && lipgloss.Width(strings.Join(append(says, tail...), " · ")) > m.width {
		says = says[:len(says)-1]
	}
	return st.Dim.Render(ui.Truncate(strings.Join(append(says, tail...), " · "), m.width))
}
