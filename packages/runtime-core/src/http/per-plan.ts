/**
 * Pieces compiled for one read plan (so for one model version) and reused by every request
 * with the same key: a new publish brings new plans and so empty caches. Bounded per plan;
 * refusals (thrown) are not kept.
 */
import type { ReadPlan } from '../query/read-plan';

export class PerPlan<T> {
  #caches = new WeakMap<ReadPlan, Map<string, T>>();

  constructor(private readonly max = 1000) {}

  get(plan: ReadPlan, key: string, build: () => T): T {
    let cache = this.#caches.get(plan);
    if (!cache) this.#caches.set(plan, (cache = new Map<string, T>()));
    const known = cache.get(key);
    if (known) return known;
    const built = build();
    if (cache.size < this.max) cache.set(key, built);
    return built;
  }
}
