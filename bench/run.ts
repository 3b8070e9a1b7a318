import { benchImport } from './import.bench.js';
import { benchConsole } from './console.bench.js';
import { printTable } from './report.js';
import { benchSelectHosts } from './select-hosts.bench.js';

// `npm run bench`: every benchmark, numbers printed, nothing asserted. Needs `npm run build` first
// (the end-to-end numbers run the built CLI and console).
console.log(`Ferry benchmarks on ${process.platform}/${process.arch}, Node ${process.version}, ${new Date().toISOString()}`);
printTable('Import', await benchImport());
printTable('Select Host', benchSelectHosts());
printTable('Console in Chromium (25,000 VMs)', await benchConsole());
