#!/usr/bin/env node
// ls-serialize.mjs — loads every task of a Label Studio tasks file into Label
// Studio's own frontend (in headless Chromium, through the helpers of
// shared/tools/peer-check) and writes the tasks again with the result that
// the frontend serializes for each task's first annotation: what Label
// Studio stores and exports once someone opens and submits the task.
//
// Usage: node ls-serialize.mjs PEER_CHECK_DIR TASKS.json CONFIG.xml OUT.json
// Exit status 0 when every task loaded, 1 otherwise, 2 on a setup error.
//
// SPDX-License-Identifier: GPL-3.0-or-later
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [peerDir, tasksPath, configPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node ls-serialize.mjs PEER_CHECK_DIR TASKS.json CONFIG.xml OUT.json');
  process.exit(2);
}
const L = await import(pathToFileURL(path.join(peerDir, 'lib.mjs')).href);
const tasks = JSON.parse(fs.readFileSync(tasksPath, 'utf8'));
const config = fs.readFileSync(configPath, 'utf8');

const site = L.makeSite({ lsf: L.LSF_BUILD });
fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="lsf/static/css/main.css"><script src="lsf/static/js/main.js"></script></head>
<body><div id="root"></div></body></html>`);
const server = await L.startServer(site);
const { context, profile } = await L.launch();
const out = [];
let failed = 0;
try {
  const page = await L.newPage(context);
  for (const task of tasks) {
    await page.goto(`${server.url}/index.html`);
    const loaded = await page.evaluate(({ config, task }) => new Promise((resolve) => {
      const to = setTimeout(() => resolve('timeout'), 30000);
      window.ls = new window.LabelStudio('root', {
        config, task, interfaces: ['panel', 'update', 'submit', 'controls', 'side-column'],
        user: { pk: 1, id: 1, firstName: 'Check', lastName: 'Harness' },
        onLabelStudioLoad: () => { clearTimeout(to); resolve('ok'); },
      });
    }), { config, task });
    if (loaded !== 'ok') {
      console.error(`task ${task.id}: the frontend did not load it (${loaded})`);
      failed++;
      continue;
    }
    // every region highlighted in the page (its text read from there), or 30 s
    await page.waitForFunction((n) => {
      const regions = window.Htx.annotationStore.selected.regionStore.regions;
      return regions.length >= n && regions.every((r) => (r._spans || []).length > 0);
    }, task.annotations[0].result.filter((r) => r.type === 'labels').length, { timeout: 30000, polling: 100 })
      .catch(() => console.error(`task ${task.id}: not every region was highlighted`));
    const result = await page.evaluate(() => window.Htx.annotationStore.selected.serializeAnnotation());
    out.push({ id: task.id, data: task.data, annotations: [{ id: task.annotations[0].id, result }] });
  }
} finally {
  await L.cleanup({ context, server, dirs: [site, profile], profile });
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
process.exit(failed ? 1 : 0);
