/**
 * Seeded pseudo-random numbers for the risk library. Nothing here touches Math.random: every Monte
 * Carlo result must be reproducible from its seed, so callers pass an `Rng` explicitly.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018) on four 32-bit words, seeded through
 * splitmix32 so that nearby seeds (1, 2, 3…) give unrelated streams. Period 2^128 − 1; 32-bit
 * integer arithmetic only (Math.imul), so it is exact and identical on every JS engine.
 */

/** Members are plain function properties (closures, no `this`), so they can be passed around detached. */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits (two 32-bit draws). */
  next: () => number;
  /** Standard normal N(0, 1) (Marsaglia polar method; the spare deviate is cached). */
  normal: () => number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32: () => number;
}

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state (used only for seeding). */
function splitmix32(state: number): [next: number, out: number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

const TWO_POW_M53 = 1 / 9007199254740992; // 2^-53

/**
 * Creates a seeded generator. Any finite number is a valid seed; integers up to 2^53 are mixed
 * in whole (low and high 32 bits), fractional parts are ignored. Same seed ⇒ same stream.
 * @throws RangeError if the seed is not finite.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const lo = whole >>> 0; // low 32 bits (two's complement for negatives)
  const hi = Math.floor(whole / 4294967296) >>> 0;
  let st = lo ^ Math.imul(hi, 0x27d4eb2d);
  let s0: number, s1: number, s2: number, s3: number;
  [st, s0] = splitmix32(st);
  [st, s1] = splitmix32(st);
  [st, s2] = splitmix32(st);
  [, s3] = splitmix32(st);
  // xoshiro's only forbidden state is all zeros; splitmix32 cannot produce four zeros in a row
  // in practice, but guard anyway so the generator can never get stuck.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  let spare = 0;
  let hasSpare = false;

  const next = (): number => {
    const a = nextUint32() >>> 5; // 27 bits
    const b = nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) * TWO_POW_M53;
  };

  // Methods are closures (no `this`), so `const { normal } = rng` keeps working.
  return {
    nextUint32,
    next,
    normal: (): number => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // Marsaglia polar: rejection keeps (u, v) uniform on the unit disc, so no trig calls and no
      // log(0) (s > 0 is enforced).
      let u: number, v: number, s: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * m;
      hasSpare = true;
      return u * m;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
