/**
 * Bounds on what a message may carry, checked before anything acts on it: a message over one is a poison message
 * (a `DecodeError` naming the field, then the dead-letter topic), never an instance out of memory or a retry loop.
 */
export const MESSAGE_LIMITS = {
  /** Decoded `message.data` bytes. Pub/Sub accepts 10 MB per message; nothing of ours comes near this. */
  payloadBytes: 8 * 1024 * 1024,
  /** Nesting of arrays and objects in a payload (ours nest at most 6 deep). */
  depth: 32,
  /** `symbols` of one ScanRequest: the whole US equity and crypto market fits. */
  symbolsPerScan: 20_000,
  /** `bars` of one MarketBars message (a scan asks for at most 10,000 per symbol). */
  barsPerMessage: 20_000,
} as const;

/**
 * The deepest nesting of arrays and objects in JSON `text` (a linear scan; brackets inside strings do not count),
 * or `Infinity` as soon as it passes `stopAt`.
 */
export function jsonDepth(text: string, stopAt: number = MESSAGE_LIMITS.depth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return Number.POSITIVE_INFINITY;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Whether JSON `text` nests arrays and objects more than `limit` deep. Text with no more than `limit` opening
 * brackets (found with `indexOf`, inside strings too) cannot, which settles a columnar payload without a scan.
 */
export function nestsDeeperThan(text: string, limit: number = MESSAGE_LIMITS.depth): boolean {
  let openings = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i !== -1 && openings <= limit; i = text.indexOf(bracket, i + 1)) openings++;
  }
  return openings > limit && jsonDepth(text, limit) > limit;
}
