import { BoundedMap } from './bounded-map.js';

/** A window remembered by `SlidWindows`: its value, and how many of its first bars the new window no longer has. */
export interface SlidWindow<V> {
  readonly value: V;
  /** 1 when the new window is as long as the remembered one (its first bar dropped), 0 when it is one bar longer. */
  readonly dropped: 0 | 1;
}

/**
 * Values worked out for windows of frozen bars, remembered by each window's last bar. A replay sends each series'
 * window again slid by one bar, and frozen bars cannot change, so the same objects are the same bars: what was worked
 * out for the bars a window shares with one remembered need not be worked out again, only for its new last bar.
 */
export class SlidWindows<B extends object, V> {
  private readonly windows: BoundedMap<B, { readonly bars: readonly B[]; readonly value: V }>;

  constructor(limit = 256) {
    this.windows = new BoundedMap(limit);
  }

  /**
   * The remembered window that is `bars` less its new last bar (less its own first one, when as long), object for
   * object, when that new bar is frozen too; else undefined.
   */
  slidFrom(bars: readonly B[]): SlidWindow<V> | undefined {
    const n = bars.length;
    if (n < 2) return undefined;
    const before = this.windows.get(bars[n - 2]);
    if (before === undefined) return undefined;
    const dropped = before.bars.length - (n - 1);
    if (dropped !== 0 && dropped !== 1) return undefined;
    for (let i = 0; i < n - 1; i++) if (before.bars[i + dropped] !== bars[i]) return undefined;
    return Object.isFrozen(bars[n - 1]) ? { value: before.value, dropped } : undefined;
  }

  /**
   * Remembers `value` for `bars` when every bar is frozen (`slid`: `bars` came from `slidFrom`, which found all of
   * them frozen).
   */
  remember(bars: readonly B[], value: V, slid: boolean): void {
    if (bars.length === 0 || !(slid || bars.every((bar) => Object.isFrozen(bar)))) return;
    this.windows.set(bars[bars.length - 1], { bars, value });
  }
}
