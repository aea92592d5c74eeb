import { existsSync, readFileSync, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';

/** One notification the outbox sink wrote (the fields of `OutboxLine` this reads). */
export interface TailedNotification {
  readonly eventId: string;
  readonly type: string;
  readonly text: string;
}

/**
 * Follows `<workDir>/.sentinel/outbox.jsonl`, where notifyDiscord's outbox sink writes when no webhook is configured,
 * and calls `onNotification` for each new line: the stack's console Discord. Returns a function that stops following.
 */
export function tailOutbox(
  workDir: string,
  onNotification: (notification: TailedNotification) => void,
  intervalMs = 300,
): () => void {
  const path = join(workDir, '.sentinel', 'outbox.jsonl');
  let offset = 0;
  const read = () => {
    if (!existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    for (const line of text.slice(offset, complete).split('\n')) {
      if (line.trim() === '') continue;
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null) {
        const field = (name: string) => String(Reflect.get(parsed, name) ?? '');
        onNotification({ eventId: field('eventId'), type: field('type'), text: field('text') });
      }
    }
    offset = Math.max(offset, complete);
  };
  watchFile(path, { interval: intervalMs }, read);
  read();
  return () => unwatchFile(path, read);
}
