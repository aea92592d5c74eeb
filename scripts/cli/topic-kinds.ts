import { analysisKind } from '../../shared/messages/analysis.js';
import { signalEventKind } from '../../shared/messages/events.js';
import { marketBarsKind } from '../../shared/messages/market-bars.js';
import type { MessageKind } from '../../shared/messages/message-kind.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { UsageError } from '../replay/cli-options.js';

/** The topics a person may publish on, each with the message kind (schema) its consumer decodes. */
const PUBLISHABLE: readonly MessageKind[] = [scanRequestKind, marketBarsKind, analysisKind, signalEventKind];

/** The names `publish` accepts, in pipeline order. */
export const PUBLISHABLE_TOPICS: readonly string[] = PUBLISHABLE.map((kind) => kind.topic);

/** The kind published on `topic`; an unknown name is a `UsageError` listing the valid ones. */
export function kindOfTopic(topic: string): MessageKind {
  const kind = PUBLISHABLE.find((k) => k.topic === topic);
  if (!kind) throw new UsageError(`publish: unknown topic "${topic}" (topics: ${PUBLISHABLE_TOPICS.join(', ')})`);
  return kind;
}
