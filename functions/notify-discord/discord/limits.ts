import type { DiscordEmbed, DiscordFile, DiscordPayload, EmbedField } from './message.types.js';

/** Discord's message limits (wire-formats C.1, C.3). */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author name over all embeds. */
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
  threadName: 100,
  /** 10 MiB per file by default [DD reference.mdx Uploading Files]; the chart stays far below. */
  fileBytes: 10 * 1024 * 1024,
} as const;

const ELLIPSIS = '…';

/** `text` trimmed and cut to `max` UTF-16 units (never splitting a surrogate pair), ending in `…` when cut. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, Math.max(0, max - ELLIPSIS.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** The characters of one embed that count against the 6000 total. */
export function embedLength(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title ?? '').length +
    (embed.description ?? '').length +
    (embed.footer?.text ?? '').length +
    (embed.author?.name ?? '').length +
    fields
  );
}

function clipField(field: EmbedField): EmbedField {
  return {
    ...field,
    name: clip(field.name, DISCORD_LIMITS.fieldName) || '\u200b',
    value: clip(field.value, DISCORD_LIMITS.fieldValue) || '\u200b',
  };
}

function clipEmbed(embed: DiscordEmbed): DiscordEmbed {
  return {
    ...embed,
    ...(embed.title === undefined ? {} : { title: clip(embed.title, DISCORD_LIMITS.title) }),
    ...(embed.description === undefined ? {} : { description: clip(embed.description, DISCORD_LIMITS.description) }),
    ...(embed.footer === undefined ? {} : { footer: { text: clip(embed.footer.text, DISCORD_LIMITS.footer) } }),
    ...(embed.author === undefined ? {} : { author: { name: clip(embed.author.name, DISCORD_LIMITS.authorName) } }),
    ...(embed.fields === undefined ? {} : { fields: embed.fields.slice(0, DISCORD_LIMITS.fields).map(clipField) }),
  };
}

/** Shrinks the last embeds until the total fits: description first, then fields from the end. */
function fitTotal(embeds: DiscordEmbed[]): DiscordEmbed[] {
  let total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  for (let i = embeds.length - 1; i >= 0 && total > DISCORD_LIMITS.embedTotal; i--) {
    let embed = embeds[i];
    const over = total - DISCORD_LIMITS.embedTotal;
    const description = embed.description ?? '';
    if (description.length > 0) {
      const shorter = clip(description, Math.max(1, description.length - over));
      total -= description.length - shorter.length;
      embed = { ...embed, description: shorter };
    }
    const fields = [...(embed.fields ?? [])];
    while (total > DISCORD_LIMITS.embedTotal && fields.length > 0) {
      const dropped = fields.pop();
      total -= dropped === undefined ? 0 : dropped.name.length + dropped.value.length;
    }
    embeds[i] = { ...embed, fields };
    if (total > DISCORD_LIMITS.embedTotal) {
      total -= embedLength(embeds[i]);
      embeds.splice(i, 1);
    }
  }
  return embeds;
}

/**
 * A payload Discord accepts whatever the inputs: every text clipped to its limit, at most 25 fields and 10 embeds,
 * the embeds' total within 6000 characters, content within 2000, a thread name within 100.
 */
export function fitToLimits(payload: DiscordPayload): DiscordPayload {
  const embeds = fitTotal(payload.embeds.slice(0, DISCORD_LIMITS.embeds).map(clipEmbed));
  return {
    ...payload,
    embeds,
    ...(payload.content === undefined ? {} : { content: clip(payload.content, DISCORD_LIMITS.content) }),
    ...(payload.thread_name === undefined ? {} : { thread_name: clip(payload.thread_name, DISCORD_LIMITS.threadName) }),
  };
}

/** The files that may be attached: each within Discord's per-file size limit. */
export function filesWithinLimits(files: readonly DiscordFile[]): DiscordFile[] {
  return files.filter((file) => file.data.byteLength <= DISCORD_LIMITS.fileBytes);
}
