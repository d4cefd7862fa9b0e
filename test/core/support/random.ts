/**
 * mulberry32: a small seeded PRNG, uniform in [0, 1). The tests and the benchmarks draw their
 * generated inputs from it, so every run sees the same feeds.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded source with the draws generators need. */
export function seeded(seed: number): {
  next: () => number;
  /** Integer in [lo, hi]. */
  int: (lo: number, hi: number) => number;
  pick: <T>(list: readonly T[]) => T;
} {
  const next = prng(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
  };
}
