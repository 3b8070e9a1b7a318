// Builds the QEMU lab's guest (Debian's kernel + an initramfs with resources/lab-guest/init.c as /init), or reports
// the cached one if it is up to date, and prints where it is. Needs gcc, libc6-dev and apt's package lists.
//   npm run lab:guest          (FERRY_LAB_GUEST_DIR overrides the cache folder, ~/.cache/ferry/lab-guest)
import { labGuestBuild, labGuestDir, LabGuestError } from '../main/infra/connectors/qemu/lab-guest.js';

const started = performance.now();
try {
  const guest = await labGuestBuild({ log: (line) => console.log(line) });
  const ms = Math.round(performance.now() - started);
  console.log(`lab guest in ${labGuestDir()} (${guest.kernelPackage} ${guest.kernelVersion}, built ${guest.builtAt}; ${ms} ms)`);
  console.log(`  kernel  ${guest.kernel}`);
  console.log(`  initrd  ${guest.initrd}`);
} catch (e) {
  console.error(e instanceof LabGuestError ? `lab guest: ${e.message}` : e);
  process.exit(1);
}
