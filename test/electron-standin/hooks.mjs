// A Node module hook for the Electron stand-in: `electron`, imported by the built main process
// (dist/main/electron.mjs) and by electron-store, resolves to test/electron-standin/electron.mjs.
const target = new URL('./electron.mjs', import.meta.url).href;

/** Resolves the bare specifier `electron` to the stand-in; everything else as usual. */
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: target, shortCircuit: true };
  return next(specifier, context);
}
