#!/usr/bin/env node
// ls-pairs-check.mjs — loads the tasks of `collate-cli export --format
// label-studio --pairs` into Label Studio's own frontend (in headless
// Chromium, through the helpers of shared/tools/peer-check) and checks them
// against what Collate's project says they must hold:
//
//  - every expected region exists, on the expected object (text_a or
//    text_b), with its label, and the text the frontend anchors at its
//    offsets is the span's quote;
//  - every expected relation exists in the frontend's relation store,
//    connects the region whose anchored text is the link's "from" quote on
//    the expected object to the one whose text is its "to" quote, and
//    carries the link's label; and there is no other relation.
//
// Usage: node ls-pairs-check.mjs PEER_CHECK_DIR TASKS.json CONFIG.xml EXPECTED.json [--verbose]
// EXPECTED.json: [{"task": ID, "regions": [{"id", "object", "label", "text"}],
//                  "relations": [{"from": {"object", "text"}, "to": {…}, "label"}]}]
// Exit status 0 when everything matches, 1 on any difference, 2 on a setup error.
//
// SPDX-License-Identifier: GPL-3.0-or-later
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const [peerDir, tasksPath, configPath, expectedPath] = args.filter((a) => a !== '--verbose');
if (!expectedPath) {
  console.error('usage: node ls-pairs-check.mjs PEER_CHECK_DIR TASKS.json CONFIG.xml EXPECTED.json [--verbose]');
  process.exit(2);
}
const L = await import(pathToFileURL(path.join(peerDir, 'lib.mjs')).href);
const tasks = JSON.parse(fs.readFileSync(tasksPath, 'utf8'));
const config = fs.readFileSync(configPath, 'utf8');
const expected = new Map(JSON.parse(fs.readFileSync(expectedPath, 'utf8')).map((e) => [String(e.task), e]));

// In the page: every region (its object, label and the text the frontend
// anchors at its offsets, read from the DOM range with <br> as "\n") and
// every relation (its two regions and labels)
const INSPECT = () => {
  const rangeText = (r) => {
    if (!r) return null;
    const frag = r.cloneContents(); let s = '';
    const walk = (n) => { for (const c of n.childNodes) { if (c.nodeType === 3) s += c.data; else if (c.nodeName === 'BR') s += '\n'; else walk(c); } };
    walk(frag); return s;
  };
  const ann = window.Htx.annotationStore.selected;
  const region = (r) => {
    let range = null; try { range = r._getRange ? r._getRange() : null; } catch (e) {}
    return {
      id: r.cleanId ?? String(r.id).split('#')[0], object: r.object?.name ?? null,
      anchored: rangeText(range), spans: (r._spans || []).length,
      labels: (r.labeling?.selectedLabels || r.labels?.selectedLabels || []).map?.((l) => l.value) ?? null,
    };
  };
  return {
    regions: ann.regionStore.regions.map(region),
    relations: ann.relationStore.relations.map((rel) => ({
      from: region(rel.node1), to: region(rel.node2), direction: rel.direction,
      labels: rel.relations ? rel.relations.selectedValues() : [],
    })),
  };
};

const site = L.makeSite({ lsf: L.LSF_BUILD });
fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="lsf/static/css/main.css"><script src="lsf/static/js/main.js"></script></head>
<body><div id="root"></div></body></html>`);
const server = await L.startServer(site);
const { context, profile } = await L.launch();
let failures = 0; let nRegions = 0; let nRelations = 0;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
try {
  const page = await L.newPage(context);
  if (tasks.length !== expected.size) {
    console.log(`the file has ${tasks.length} tasks, the project makes ${expected.size} pairs`);
    failures++;
  }
  for (const task of tasks) {
    const want = expected.get(String(task.id));
    if (!want) { console.log(`task ${task.id}: not a pair of the project`); failures++; continue; }
    await page.goto(`${server.url}/index.html`);
    const loaded = await page.evaluate(({ config, task }) => new Promise((resolve) => {
      const to = setTimeout(() => resolve('timeout'), 30000);
      try {
        window.ls = new window.LabelStudio('root', {
          config, task, interfaces: ['panel', 'update', 'submit', 'controls', 'side-column'],
          user: { pk: 1, id: 1, firstName: 'Check', lastName: 'Harness' },
          onLabelStudioLoad: () => { clearTimeout(to); resolve('ok'); },
        });
      } catch (e) { clearTimeout(to); resolve('error: ' + e.message); }
    }), { config, task });
    if (loaded !== 'ok') { console.log(`task ${task.id}: the frontend did not load it (${loaded})`); failures++; continue; }
    let got;
    const deadline = Date.now() + 30000;
    for (;;) {
      got = await page.evaluate(INSPECT);
      if ((got.regions.length >= want.regions.length && got.regions.every((r) => r.spans > 0)) || Date.now() > deadline) break;
      await page.waitForTimeout(100);
    }
    const lines = []; let bad = 0;
    const byId = new Map(got.regions.map((r) => [r.id, r]));
    for (const w of want.regions) {
      const r = byId.get(w.id);
      const shown = `${w.id} on ${w.object} ${L.show(w.text)} (${w.label})`;
      if (!r) { bad++; lines.push(`  MISSING  region ${shown}`); continue; }
      if (r.object !== w.object || r.anchored !== w.text || !same(r.labels, [w.label]) || r.spans === 0) {
        bad++;
        lines.push(`  MISMATCH region ${shown}: the frontend has it on ${r.object}, anchored on ${L.show(r.anchored)}, labelled ${JSON.stringify(r.labels)}${r.spans ? '' : ', not highlighted'}`);
      } else lines.push(`  ok       region ${shown}`);
    }
    if (got.regions.length !== want.regions.length) {
      bad++; lines.push(`  COUNT    ${got.regions.length} regions in the frontend, ${want.regions.length} expected`);
    }
    const key = (end) => `${end.object}:${end.anchored ?? end.text}`;
    const left = got.relations.slice();
    for (const w of want.relations) {
      const shown = `${w.from.object} ${L.show(w.from.text)} → ${w.to.object} ${L.show(w.to.text)} (${w.label})`;
      const k = left.findIndex((g) => key(g.from) === key(w.from) && key(g.to) === key(w.to));
      if (k < 0) { bad++; lines.push(`  MISSING  relation ${shown}`); continue; }
      const g = left.splice(k, 1)[0];
      if (!same(g.labels, [w.label])) { bad++; lines.push(`  MISMATCH relation ${shown}: labelled ${JSON.stringify(g.labels)}`); }
      else lines.push(`  ok       relation ${shown}`);
    }
    for (const g of left) {
      bad++;
      lines.push(`  EXTRA    relation ${g.from.object} ${L.show(g.from.anchored)} → ${g.to.object} ${L.show(g.to.anchored)} ${JSON.stringify(g.labels)}`);
    }
    nRegions += want.regions.length; nRelations += want.relations.length;
    console.log(`task ${task.id} (${task.data.document_id_a} | ${task.data.document_id_b}): ${got.regions.length} regions, ` +
                `${got.relations.length} relations — ${bad ? 'FAIL' : 'ok'}`);
    for (const l of lines) if (verbose || !l.startsWith('  ok')) console.log(l);
    if (bad) failures++;
  }
} finally {
  await L.cleanup({ context, server, dirs: [site, profile], profile });
}
console.log(`LSF ${L.pkgVersion('@heartexlabs/label-studio')}: ${tasks.length} pair tasks, ${nRegions} regions, ` +
            `${nRelations} relations checked; ${failures ? 'FAIL' : 'PASS'}`);
process.exit(failures ? 1 : 0);
