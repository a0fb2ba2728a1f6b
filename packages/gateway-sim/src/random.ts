/**
 * Seeded pseudo-random numbers (mulberry32). Not for cryptography: the
 * simulator only needs the same sequence for the same seed.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an unsigned 32-bit integer. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** Returns an integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Returns `true` with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Returns a UUID v4 string built from this sequence, so it repeats with the seed. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      hex32(a) +
      '-' +
      hex16(b >>> 16) +
      '-' +
      hex16(((b & 0x0fff) | 0x4000) >>> 0) +
      '-' +
      hex16((((c >>> 16) & 0x3fff) | 0x8000) >>> 0) +
      '-' +
      hex16(c & 0xffff) +
      hex32(d)
    );
  }

  /** Returns a new generator whose sequence depends on this one's seed and `stream`. */
  fork(stream: number): Random {
    return new Random(mixSeed(this.uint32(), stream));
  }
}

/**
 * Derives an independent 32-bit seed for one purpose (`stream`) from the user's
 * seed, so that for example the fault sequence does not shift when the data
 * generator draws one more number.
 */
export function mixSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex16(value: number): string {
  return (HEX_BYTES[(value >>> 8) & 0xff] as string) + (HEX_BYTES[value & 0xff] as string);
}

function hex32(value: number): string {
  return hex16(value >>> 16) + hex16(value & 0xffff);
}
