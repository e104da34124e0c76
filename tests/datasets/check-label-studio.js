// check-label-studio.js — reads a Label Studio export in JavaScript, counting
// offsets in code points as Label Studio does (Array.from on the text, not
// string indices, which are UTF-16 code units), and checks that every
// region's offsets give back its text and every relation its regions.
//
// Usage: node check-label-studio.js FOLDER
// Exit status 0 if it reads back, 1 with a message otherwise.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const path = require('path');

const folder = process.argv[2];
const tasks = JSON.parse(fs.readFileSync(path.join(folder, 'tasks.json'), 'utf8'));
const config = fs.readFileSync(path.join(folder, 'config.xml'), 'utf8');
const problems = [];

if (!Array.isArray(tasks))
  problems.push('tasks.json is not a list of tasks');
if (!/<Text name="text" value="\$text"\/>/.test(config))
  problems.push('config.xml has no <Text> for $text');

for (const task of tasks) {
  const text = Array.from(task.data.text);
  const ids = new Set();
  for (const r of task.annotations[0].result) {
    if (r.type === 'labels') {
      const got = text.slice(r.value.start, r.value.end).join('');
      if (got !== r.value.text)
        problems.push(`task ${task.id}: region ${r.id}: ${JSON.stringify(got)} != ${JSON.stringify(r.value.text)}`);
      for (const label of r.value.labels)
        if (!config.includes(`<Label value="${label.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`))
          problems.push(`task ${task.id}: label ${label} missing from config.xml`);
      ids.add(r.id);
    }
  }
  for (const r of task.annotations[0].result)
    if (r.type === 'relation' && !(ids.has(r.from_id) && ids.has(r.to_id)))
      problems.push(`task ${task.id}: relation ${r.from_id} -> ${r.to_id} to an unknown region`);
}

for (const p of problems)
  console.error(p);
process.exit(problems.length ? 1 : 0);
