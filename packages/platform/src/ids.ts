import { toHex } from "./crypto";

let lastMs = 0;
let sequence = 0;

/**
 * UUID v7 (RFC 9562): time-ordered, so new rows land at the end of the primary-key index.
 * Within one isolate ids are strictly increasing: a 12-bit counter (rand_a, RFC 9562 method 1)
 * orders ids minted in the same millisecond.
 */
export function uuidv7(now = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      ms += 1;
      sequence = 0;
    }
  } else {
    sequence = crypto.getRandomValues(new Uint16Array(1))[0]! & 0x3ff;
  }
  lastMs = ms;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const toIso = (epochMs: number) => new Date(epochMs).toISOString();
export const toIsoOrNull = (epochMs: number | null | undefined) => (epochMs == null ? null : toIso(epochMs));
