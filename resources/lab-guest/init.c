/* Ferry lab guest init: dirties memory at a set rate, prints heartbeats on
 * the console, and verifies its own memory. Config from kernel cmdline
 * (non-dotted key=value args are passed to init as environment):
 *   ferry_mem=MiB (default 64)  ferry_rate=MiB/s (default 10)
 *   ferry_hb_ms=heartbeat period (default 1000)  ferry_halt=seconds (0=never)
 * Built with `gcc -O2 -static` into the initramfs by `npm run lab:guest`
 * (main/infra/connectors/qemu/lab-guest.ts).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>

#define PAGE 4096
#define WORDS (PAGE / 8)

static uint64_t now_ns(void) {
  struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}
static long envl(const char *k, long d) { const char *v = getenv(k); return v ? atol(v) : d; }
static inline uint64_t mix(uint64_t x) {
  x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ull; x ^= x >> 33; return x;
}
static uint64_t *mem; static uint32_t *gen; static size_t npages;
static uint64_t errors;

static void fill(size_t p, uint32_t g) {
  uint64_t *w = mem + p * WORDS; uint64_t seed = mix(((uint64_t)p << 32) | g);
  w[0] = ((uint64_t)p << 32) | g;
  for (size_t i = 1; i < WORDS; i++) w[i] = seed + i * 0x9e3779b97f4a7c15ull;
}
static int check(size_t p) {
  uint64_t *w = mem + p * WORDS; uint32_t g = gen[p];
  uint64_t seed = mix(((uint64_t)p << 32) | g);
  if (w[0] != (((uint64_t)p << 32) | g)) goto bad;
  for (size_t i = 1; i < WORDS; i++) if (w[i] != seed + i * 0x9e3779b97f4a7c15ull) goto bad;
  return 1;
bad:
  errors++;
  if (errors <= 10) printf("FERRY CORRUPT page=%zu expect_gen=%u got_hdr=%016llx\n", p, g, (unsigned long long)w[0]);
  fill(p, g); /* repair so one bad page is reported once */
  return 0;
}

int main(void) {
  mount("proc", "/proc", "proc", 0, 0);
  mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
  if (fcntl(1, F_GETFD) < 0) { /* no /dev/console: open the serial port */
    int fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
    if (fd >= 0) { dup2(fd, 0); dup2(fd, 1); dup2(fd, 2); }
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  long mib = envl("ferry_mem", 64), rate = envl("ferry_rate", 10);
  long hb_ms = envl("ferry_hb_ms", 1000), halt = envl("ferry_halt", 0);
  npages = (size_t)mib * 256;
  mem = mmap(0, npages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  gen = calloc(npages, sizeof *gen);
  if (mem == MAP_FAILED || !gen) { printf("FERRY FATAL alloc %ld MiB\n", mib); for (;;) pause(); }
  uint64_t t0 = now_ns();
  for (size_t p = 0; p < npages; p++) fill(p, 0);
  printf("FERRY READY mem=%ldMiB rate=%ldMiB/s fill_ms=%llu\n", mib, rate,
         (unsigned long long)((now_ns() - t0) / 1000000));

  const uint64_t tick = 10000000ull; /* 10 ms */
  double pages_per_tick = (double)rate * 256.0 * tick / 1e9, acc = 0;
  size_t wcur = 0, vcur = 0;
  /* full verify sweep roughly every 2 s */
  size_t verify_per_tick = npages / 200 + 1;
  uint64_t seq = 0, dirtied = 0, verified = 0, sweeps = 0;
  uint64_t start = now_ns(), next_tick = start, next_hb = start + hb_ms * 1000000ull, last_hb = start;
  for (;;) {
    acc += pages_per_tick;
    while (acc >= 1.0) { acc -= 1.0; check(wcur); fill(wcur, ++gen[wcur]); dirtied++; wcur = (wcur + 1) % npages; }
    for (size_t i = 0; i < verify_per_tick; i++) { check(vcur); verified++; if (++vcur == npages) { vcur = 0; sweeps++; } }
    uint64_t t = now_ns();
    if (t >= next_hb) {
      printf("FERRY HB seq=%llu up_ms=%llu gap_ms=%llu dirtied_pages=%llu sweeps=%llu errors=%llu\n",
             (unsigned long long)seq++, (unsigned long long)((t - start) / 1000000),
             (unsigned long long)((t - last_hb) / 1000000), (unsigned long long)dirtied,
             (unsigned long long)sweeps, (unsigned long long)errors);
      last_hb = t; next_hb += hb_ms * 1000000ull; if (next_hb < t) next_hb = t + hb_ms * 1000000ull;
      if (halt && (t - start) / 1000000000ull >= (uint64_t)halt) { printf("FERRY HALT errors=%llu\n", (unsigned long long)errors); sync(); reboot(RB_POWER_OFF); }
    }
    next_tick += tick;
    t = now_ns();
    if (next_tick > t) { struct timespec ts = { 0, (long)(next_tick - t) }; nanosleep(&ts, 0); }
    else if (t - next_tick > 100 * tick) next_tick = t; /* don't burst after a long stall (e.g. migration) */
  }
}
