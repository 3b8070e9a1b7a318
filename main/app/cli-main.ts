import { runCli } from './cli.js';

// The `ferry` executable: run the command line, then exit with its code.
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
