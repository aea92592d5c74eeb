const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  name: 256,
  value: 1024,
  footer: 2048,
  total: 6000,
  embeds: 10,
  content: 2000,
};

type Embed = {
  title?: string;
  description?: string;
  footer?: { text?: string };
  author?: { name?: string };
  fields?: { name: string; value: string }[];
};

/** What Discord would refuse in a payload (wire-formats C.3), as `path: reason`; undefined when it is within every limit. */
export function discordLimitProblem(payload: Record<string, unknown>): string | undefined {
  const content = typeof payload.content === 'string' ? payload.content : '';
  if (content.length > LIMITS.content) return `content: Must be ${LIMITS.content} or fewer in length.`;
  const embeds = Array.isArray(payload.embeds) ? (payload.embeds as Embed[]) : [];
  if (embeds.length > LIMITS.embeds) return `embeds: Must be ${LIMITS.embeds} or fewer in length.`;
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const checks: [string, string | undefined, number][] = [
      ['title', embed.title, LIMITS.title],
      ['description', embed.description, LIMITS.description],
      ['footer.text', embed.footer?.text, LIMITS.footer],
      ['author.name', embed.author?.name, 256],
      ...(embed.fields ?? []).flatMap((f, j): [string, string, number][] => [
        [`fields.${j}.name`, f.name, LIMITS.name],
        [`fields.${j}.value`, f.value, LIMITS.value],
      ]),
    ];
    if ((embed.fields ?? []).length > LIMITS.fields) return `embeds.${i}.fields: Must be ${LIMITS.fields} or fewer in length.`;
    for (const [path, text, max] of checks) {
      const length = (text ?? '').trim().length;
      if (length > max) return `embeds.${i}.${path}: Must be ${max} or fewer in length.`;
      total += length;
    }
  }
  return total > LIMITS.total ? `Embed size exceeds maximum size of ${LIMITS.total}` : undefined;
}
