// The landscape website's search, reproduced to compare cnl with it on the
// judged queries (landscape/search/testdata/relevance.yml).
//
// cncf/landscape2 (ui/webapp/src/utils/search.ts) indexes every item with
// MiniSearch over name (boost 3), description (GitHub's when the data has
// none), summary tags, the primary repository's topics and Crunchbase
// categories; prefix matching, all words required (AND), no typo
// tolerance; a document boost of +0.5 for non-archived CNCF projects and
// +0.5 for featured items (CNCF graduated and incubating; Platinum and Gold
// members). Only landscape.yml is given here, as to cnl: no GitHub or
// Crunchbase data, so those fields are empty for both.
//
// Usage: node minisearch.mjs LANDSCAPE.yml RELEVANCE.yml CNL.json
// where CNL.json is what `go test ./landscape/search -run TestRelevance
// -relevance.out CNL.json` writes.
import fs from 'node:fs';
import yaml from 'js-yaml';
import MiniSearch from 'minisearch';

const [dataPath, judgedPath, cnlPath] = process.argv.slice(2);
const data = yaml.load(fs.readFileSync(dataPath, 'utf8'));
const judged = yaml.load(fs.readFileSync(judgedPath, 'utf8'));
const cnl = JSON.parse(fs.readFileSync(cnlPath, 'utf8'));

const items = [];
for (const cat of data.landscape || data.categories) {
  for (const sub of cat.subcategories || []) {
    for (const raw of sub.items || []) {
      const it = raw.item && typeof raw.item === 'object' ? raw.item : raw;
      const featured = ['graduated', 'incubating'].includes(it.project) || ['Platinum', 'Gold'].includes(sub.name);
      items.push({
        id: items.length,
        name: it.name,
        description: it.description || '',
        summaryTags: (it.extra && it.extra.summary_tags) || '',
        primaryRepositoryTopics: '',
        crunchbaseCategories: '',
        maturity: it.project,
        featured,
      });
    }
  }
}

const ms = new MiniSearch({
  fields: ['crunchbaseCategories', 'description', 'name', 'primaryRepositoryTopics', 'summaryTags'],
  storeFields: ['name', 'maturity', 'featured'],
  searchOptions: {
    boost: { name: 3 },
    boostDocument: (_id, _term, f) => 1 + (f.maturity && f.maturity !== 'archived' ? 0.5 : 0) + (f.featured ? 0.5 : 0),
    combineWith: 'AND',
    prefix: true,
  },
});
ms.addAll(items);

// The same measures as landscape/relevance_test.go.
function score(ranked, grades) {
  const ideal = Object.values(grades).sort((a, b) => b - a).slice(0, 10);
  const best = Math.max(...Object.values(grades));
  let idcg = 0;
  ideal.forEach((g, i) => { idcg += (2 ** g - 1) / Math.log2(i + 2); });
  let dcg = 0, rr = 0, s1 = false, s3 = false;
  const credited = new Set();
  ranked.forEach((name, i) => {
    const g = grades[name] || 0;
    if (!g || credited.has(name)) return;
    credited.add(name);
    if (i < 10) dcg += (2 ** g - 1) / Math.log2(i + 2);
    if (g === best && rr === 0) { rr = 1 / (i + 1); s1 = i === 0; s3 = i < 3; }
  });
  return { ndcg: idcg ? dcg / idcg : 0, s1, s3, rr };
}

const groups = ['topics', 'names', 'typos', 'jargon'];
const cnlBy = new Map(cnl.map((q) => [q.group + '\u0000' + q.query, q]));
const sums = {};
const add = (eng, group, s) => {
  const k = eng + '\u0000' + group;
  sums[k] = sums[k] || { n: 0, ndcg: 0, s1: 0, s3: 0, rr: 0 };
  const t = sums[k];
  t.n++; t.ndcg += s.ndcg; t.s1 += s.s1 ? 1 : 0; t.s3 += s.s3 ? 1 : 0; t.rr += s.rr;
};
const rows = [];
for (const group of groups) {
  for (const jq of judged[group]) {
    const ranked = ms.search(jq.query).map((r) => r.name);
    const web = score(ranked, jq.relevant);
    const c = cnlBy.get(group + '\u0000' + jq.query);
    const mine = { ndcg: c.ndcg10, s1: c.success[0], s3: c.success[1], rr: c.rr };
    for (const g of [group, 'overall']) { add('website', g, web); add('cnl', g, mine); }
    rows.push({ group, query: jq.query, web: web.ndcg, cnl: mine.ndcg, webTop: ranked.slice(0, 3).join('; ') || '(nothing)' });
  }
}

const f = (x) => x.toFixed(3);
console.log('| group | engine | nDCG@10 | success@1 | success@3 | MRR |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const group of [...groups, 'overall']) {
  for (const eng of ['website', 'cnl']) {
    const t = sums[eng + '\u0000' + group];
    console.log(`| ${group} | ${eng} | ${f(t.ndcg / t.n)} | ${f(t.s1 / t.n)} | ${f(t.s3 / t.n)} | ${f(t.rr / t.n)} |`);
  }
}
const ahead = rows.filter((r) => r.cnl > r.web + 0.05).length;
const behind = rows.filter((r) => r.web > r.cnl + 0.05);
console.log(`\ncnl ahead on ${ahead} queries, behind on ${behind.length}, even on ${rows.length - ahead - behind.length} (nDCG@10 apart by more than 0.05)`);
for (const r of behind) {
  console.log(`  behind: ${r.group} ${JSON.stringify(r.query)}: website ${f(r.web)} (${r.webTop}), cnl ${f(r.cnl)}`);
}
