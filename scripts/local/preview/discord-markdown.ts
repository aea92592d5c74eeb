/** HTML-escapes text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function timestamp(seconds: number, style: string, nowMs: number): string {
  const date = new Date(seconds * 1000);
  if (style === 'R') {
    const days = Math.round((seconds * 1000 - nowMs) / 86_400_000);
    const count = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    return days === 0 ? 'today' : days > 0 ? `in ${count(days)}` : `${count(-days)} ago`;
  }
  const iso = date.toISOString();
  return style === 'd' || style === 'D' ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The little Discord markdown our messages use, as HTML: `**bold**`, line breaks and `<t:unix:style>` timestamps
 * (shown in UTC; relative ones against `nowMs`, the message's own time). Everything else is escaped.
 */
export function discordMarkdown(text: string, nowMs: number): string {
  return escapeHtml(text)
    .replace(
      /&lt;t:(\d+)(?::([tTdDfFRsS]))?&gt;/g,
      (_m, s: string, style: string | undefined) => `<time class="ts">${timestamp(Number(s), style ?? 'f', nowMs)}</time>`,
    )
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\n/g, '<br>');
}
