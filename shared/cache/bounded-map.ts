/**
 * A Map that starts afresh when a new key would take it past `limit` entries: a memo for values a replay asks for
 * again and again (the same bars in hundreds of windows) whose memory stays bounded however long the run.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}
