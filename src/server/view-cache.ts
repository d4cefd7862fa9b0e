/**
 * A small LRU cache of computed views: keyed by the build's revision, the format and the
 * normalized query, bounded by entries and bytes. A new build makes every older view
 * unreachable; `keep` drops them at once instead of waiting for them to age out.
 */
import type { Representation } from './feed.js';

export interface ViewCacheLimits {
  entries: number;
  bytes: number;
}

export class ViewCache {
  private readonly map = new Map<string, { revision: number; rep: Representation; size: number }>();
  private bytes = 0;

  constructor(private readonly limits: ViewCacheLimits = { entries: 256, bytes: 32 * 1024 * 1024 }) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): Representation | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    // Most recently used goes last.
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.rep;
  }

  set(key: string, revision: number, rep: Representation): void {
    const size = rep.body.length * 2;
    if (size > this.limits.bytes) return;
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.bytes -= old.size;
    }
    this.map.set(key, { revision, rep, size });
    this.bytes += size;
    for (const [k, entry] of this.map) {
      if (this.map.size <= this.limits.entries && this.bytes <= this.limits.bytes) break;
      this.map.delete(k);
      this.bytes -= entry.size;
    }
  }

  /** Forgets every view not of `revision`. */
  keep(revision: number): void {
    for (const [k, entry] of this.map) {
      if (entry.revision === revision) continue;
      this.map.delete(k);
      this.bytes -= entry.size;
    }
  }
}
