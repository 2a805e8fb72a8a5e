#!/usr/bin/env node
// Writes the README's rules table from each rule's `meta` (after `pnpm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from '../packages/parser/dist/lint/rules-table.js';

const readme = new URL('../README.md', import.meta.url);
const before = readFileSync(readme, 'utf8');
const after = withRulesTable(before);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README rules table is current' : 'README rules table written');
