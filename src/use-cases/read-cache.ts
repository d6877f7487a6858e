/**
 * Answers kept in memory for as long as the database has not changed (the change generation of
 * src/db/changes.ts): the session's account, the unread notifications, the published diagnostic's
 * version, whole pages. An answer is stored only if no write happened while it was computed, under
 * the generation read before; the first read after a write finds an emptied cache and computes again.
 * When the generation is unknown (a server whose change listener is down, a database opened without
 * one), nothing is kept: every read computes.
 *
 * One cache per database and name; each bounded in entries and, optionally, in bytes (least recently
 * used dropped first), so that what it holds stays small next to the process's memory.
 */
import { changeGeneration } from '../db/changes.js';

export interface ReadCacheOptions {
  /** At most this many entries. */
  maxEntries: number;
  /** At most about this many bytes, as `sizeOf` counts them. */
  maxBytes?: number;
  sizeOf?: (value: unknown) => number;
}

interface Space {
  generation: number;
  bytes: number;
  entries: Map<string, { value: unknown; size: number }>;
  options: ReadCacheOptions;
}

const spaces = new WeakMap<object, Map<string, Space>>();

function spaceOf(db: object, name: string, options: ReadCacheOptions, generation: number): Space {
  let byName = spaces.get(db);
  if (!byName) {
    byName = new Map();
    spaces.set(db, byName);
  }
  let space = byName.get(name);
  if (!space) {
    space = { generation, bytes: 0, entries: new Map(), options };
    byName.set(name, space);
  }
  if (space.generation !== generation) {
    // Emptied at once: what it held may be stale, and its memory is given back.
    space.entries.clear();
    space.bytes = 0;
    space.generation = generation;
  }
  return space;
}

/** The cached answer for `key`, if one was stored under the current generation. */
export function peekCached<T>(
  db: object,
  name: string,
  key: string,
  options: ReadCacheOptions,
): T | undefined {
  const generation = changeGeneration(db);
  if (generation === null) return undefined;
  const space = spaceOf(db, name, options, generation);
  const hit = space.entries.get(key);
  if (!hit) return undefined;
  // Most recently used last: the first key is the next to go.
  space.entries.delete(key);
  space.entries.set(key, hit);
  return hit.value as T;
}

/**
 * Stores `value`, computed from what the database held at `generation` (read before computing it);
 * refused if anything was written since.
 */
export function storeCached(
  db: object,
  name: string,
  key: string,
  value: unknown,
  generation: number | null,
  options: ReadCacheOptions,
): void {
  if (generation === null || changeGeneration(db) !== generation) return;
  const space = spaceOf(db, name, options, generation);
  const size = options.sizeOf ? options.sizeOf(value) : 0;
  if (options.maxBytes !== undefined && size > options.maxBytes) return;
  const old = space.entries.get(key);
  if (old) {
    space.entries.delete(key);
    space.bytes -= old.size;
  }
  space.entries.set(key, { value, size });
  space.bytes += size;
  while (
    space.entries.size > options.maxEntries ||
    (options.maxBytes !== undefined && space.bytes > options.maxBytes)
  ) {
    const [first, entry] = space.entries.entries().next().value!;
    space.entries.delete(first);
    space.bytes -= entry.size;
  }
}

/** The generation to store an answer under, read before computing it. */
export function generationNow(db: object): number | null {
  return changeGeneration(db);
}

/** `read()`'s answer, from the cache when the database has not changed since it was stored. */
export async function cachedRead<T>(
  db: object,
  name: string,
  key: string,
  options: ReadCacheOptions,
  read: () => Promise<T>,
): Promise<T> {
  const hit = peekCached<T>(db, name, key, options);
  if (hit !== undefined) return hit;
  const generation = changeGeneration(db);
  const value = await read();
  if (value !== undefined) storeCached(db, name, key, value, generation, options);
  return value;
}
