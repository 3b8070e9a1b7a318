import { runCli } from './cli.js';

/** A write to stdout or stderr that stops quietly once the reader went away (`ferry jobs | head -1`). */
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    open = false;
  });
  return (text) => {
    if (open) stream.write(`${text}\n`);
  };
}

// The `ferry` executable: run the command line, then exit with its code.
const code = await runCli(process.argv.slice(2), { out: writer(process.stdout), err: writer(process.stderr) });
process.exitCode = code;
