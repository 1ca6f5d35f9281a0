// Renders the records Reading Room gives its CSL processor (hayagriva) with citeproc-js, the
// processor Zotero uses, to compare the two (docs/CITATIONS.md). Not part of the build or the
// tests: run by hand while developing, as the ignored test `citations::citeproc_js_cross_check`
// explains.
//
//   npm install citeproc@2.4.63              (in some folder; NODE_PATH pointing at it)
//   node tools/citeproc-compare.js cases.json STYLES_DIR LOCALES_DIR > citeproc.json
//
// cases.json: [{ "style": "chicago-notes-bibliography", "records": [...CSL-JSON...],
//                "cites": [{ "id": "…", "locator": "44" | null, "position": "first" |
//                "subsequent" | "ibid" }] }]
// Output: the same cases, each cite with citeproc-js's "text".
const fs = require('fs');
const CSL = require('citeproc');
const [cases, stylesDir, localesDir] = process.argv.slice(2);
const out = [];
for (const c of JSON.parse(fs.readFileSync(cases, 'utf8'))) {
  const byId = Object.fromEntries(c.records.map((r) => [r.id, r]));
  const sys = {
    retrieveLocale: (lang) => fs.readFileSync(`${localesDir}/locales-${lang}.xml`, 'utf8'),
    retrieveItem: (id) => byId[id],
  };
  const style = fs.readFileSync(`${stylesDir}/${c.style}.csl`, 'utf8');
  const engine = new CSL.Engine(sys, style, 'en-US');
  engine.setOutputFormat('text');
  engine.updateItems(c.records.map((r) => r.id));
  const position = { first: 0, subsequent: 1, ibid: 2 };
  const cites = c.cites.map((x) => {
    const item = { id: x.id, position: position[x.position] };
    if (x.locator) {
      item.locator = x.locator;
      item.label = 'page';
    }
    return { ...x, text: engine.makeCitationCluster([item]) };
  });
  const [, entries] = engine.makeBibliography();
  out.push({ style: c.style, cites, bibliography: entries.map((e) => e.trim()) });
}
console.log(JSON.stringify(out, null, 1));
