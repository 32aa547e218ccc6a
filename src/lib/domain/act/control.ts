/**
 * Control groups for actions (对照组, issue 16): which customers of a list are held back, chosen by a
 * seeded hash of each customer id so the choice is random, repeatable and needs nothing stored.
 */
import type { Notice } from '../types';

/**
 * cyrb53 (bryc, public domain): a 53-bit string hash over the UTF-16 code units with a 32-bit
 * seed, two multiply–xorshift lanes with a final avalanche.
 * @example cyrb53('a', 0) // 7929297801672961 (the reference implementation's value)
 */
export function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const TWO_POW_53 = 9007199254740992;

/**
 * A customer's uniform draw in [0, 1) for a seed: cyrb53(id, seed word) / 2⁵³, the seed word being
 * the low 32 bits of cyrb53(seed, 0). The same id and seed always give the same number.
 * @example controlDraw('C0001', 'action-1') // the same value on every run and every device
 */
export function controlDraw(customerId: string, seed: string): number {
  return cyrb53(customerId, cyrb53(seed, 0) >>> 0) / TWO_POW_53;
}

/**
 * Which customers form the control group (true = control, kept from the action): those whose
 * {@link controlDraw} is below `share`. Each customer's part depends only on the id, the share and
 * the seed — not on the other ids or their order — so the group is the same on every device, a
 * customer added to the list later does not move anyone else, the same id listed twice gets the
 * same answer, and raising the share only adds customers (the 10% control is inside the 20% one).
 * The price of that stability: the control's size is binomial around share × n (sd √(n·share·(1 −
 * share)), 30 for 10% of 10,000) rather than exactly round(share × n) as a ranking would give, which
 * would reshuffle the boundary whenever the list changes; the sample-ratio check
 * ({@link sampleRatioMismatch}) is the test of the split. Share 0: nobody; share 1: everybody.
 * Throws `act.shareInvalid` (share not a number in [0, 1]; params share).
 * @example controlGroup(['C1', 'C2', 'C3'], 0, 'seed') // [false, false, false]
 */
export function controlGroup(customerIds: string[], share: number, seed: string): boolean[] {
  if (!(typeof share === 'number' && share >= 0 && share <= 1)) {
    throw { code: 'act.shareInvalid', params: { share: String(share) } } satisfies Notice;
  }
  const seedWord = cyrb53(String(seed), 0) >>> 0;
  const out = new Array<boolean>(customerIds.length);
  for (let i = 0; i < customerIds.length; i++) out[i] = cyrb53(String(customerIds[i]), seedWord) / TWO_POW_53 < share;
  return out;
}
