import type { DiscordEmbed } from '../../../functions/notify-discord/discord/message.types.js';
import type { OutboxLine } from '../../../functions/notify-discord/outbox-sink.js';
import { discordMarkdown, escapeHtml } from './discord-markdown.js';

const STYLE = `
body{margin:0;background:#313338;color:#dbdee1;font:15px/1.375 "gg sans","Noto Sans","DejaVu Sans",Helvetica,Arial,sans-serif}
header{padding:16px 24px;background:#2b2d31;border-bottom:1px solid #1f2023}h1{margin:0;font-size:18px;color:#f2f3f5}
main{padding:8px 24px 48px}.message{display:flex;gap:16px;padding:8px 0}.avatar{width:40px;height:40px;border-radius:50%;background:#5865f2;flex:none}
.meta{color:#949ba4;font-size:12px}.author{color:#f2f3f5;font-weight:600;margin-right:8px;font-size:15px}.route{background:#5865f2;color:#fff;border-radius:3px;padding:0 4px;font-size:10px;margin-left:6px}
.content{margin:2px 0}.embed{max-width:520px;margin-top:4px;background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:8px 16px 16px 12px}
.embed-title{color:#f2f3f5;font-weight:600;margin-top:8px}.embed-description{margin-top:8px;font-size:14px}
.fields{display:grid;grid-template-columns:repeat(3,1fr);gap:8px;margin-top:8px}.field{grid-column:1/-1;font-size:14px}.field.inline{grid-column:auto}
.field-name{color:#f2f3f5;font-weight:600;margin-bottom:2px}.embed img{max-width:100%;border-radius:4px;margin-top:16px;display:block}
.footer{margin-top:8px;font-size:12px;color:#949ba4}.ts{background:#3f4147;border-radius:3px;padding:0 2px}
`;

const hex = (colour: number | undefined): string => `#${(colour ?? 0x1e1f22).toString(16).padStart(6, '0')}`;

function embedHtml(embed: DiscordEmbed, line: OutboxLine, nowMs: number): string {
  const md = (text: string) => discordMarkdown(text, nowMs);
  const file = embed.image?.url.startsWith('attachment://')
    ? line.files.find((f) => `attachment://${f.filename}` === embed.image?.url)
    : undefined;
  const image = file
    ? `<img alt="${escapeHtml(file.filename)}" src="data:${escapeHtml(file.contentType)};base64,${file.base64}">`
    : '';
  const fields = (embed.fields ?? [])
    .map(
      (f) =>
        `<div class="field${f.inline ? ' inline' : ''}"><div class="field-name">${md(f.name)}</div><div>${md(f.value)}</div></div>`,
    )
    .join('');
  return [
    `<div class="embed" style="border-left-color:${hex(embed.color)}">`,
    embed.title ? `<div class="embed-title">${md(embed.title)}</div>` : '',
    embed.description ? `<div class="embed-description">${md(embed.description)}</div>` : '',
    fields ? `<div class="fields">${fields}</div>` : '',
    image,
    embed.footer
      ? `<div class="footer">${md(embed.footer.text)}${embed.timestamp ? ` • ${escapeHtml(embed.timestamp.slice(0, 16).replace('T', ' '))} UTC` : ''}</div>`
      : '',
    '</div>',
  ].join('');
}

function messageHtml(line: OutboxLine): string {
  // Relative timestamps read from the message's own time, so a replay of 2024 does not say "900 days ago".
  const nowMs = Date.parse(line.payload.embeds[0]?.timestamp ?? line.sentAt);
  const content = line.payload.content ? `<div class="content">${discordMarkdown(line.payload.content, nowMs)}</div>` : '';
  return [
    `<article class="message" data-event-id="${escapeHtml(line.eventId)}" data-type="${escapeHtml(line.type)}">`,
    '<div class="avatar"></div><div>',
    `<div><span class="author">${escapeHtml(line.payload.username ?? 'Crypto Sentinel')}</span>`,
    `<span class="meta">${escapeHtml(line.sentAt.slice(0, 19).replace('T', ' '))}</span><span class="route">${escapeHtml(line.route)}</span></div>`,
    content,
    ...line.payload.embeds.map((embed) => embedHtml(embed, line, nowMs)),
    '</div></article>',
  ].join('');
}

/** The outbox as a page that looks like the Discord channel would: one message per line, embeds, colours and charts inline. */
export function outboxHtml(lines: readonly OutboxLine[], title = 'Crypto Sentinel · outbox', sectionHtml = ''): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1><div class="meta">${lines.length} messages</div></header>${sectionHtml}<main>`,
    ...lines.map(messageHtml),
    '</main></body></html>',
  ].join('\n');
}
