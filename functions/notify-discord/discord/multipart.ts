import type { DiscordFile, DiscordPayload } from './message.types.js';

/**
 * The request body: plain JSON without files; with files, multipart/form-data with a `payload_json` part
 * (listing each file in `attachments` by its placeholder id) and one `files[n]` part per file (wire-formats C.1).
 */
export function toRequestBody(payload: DiscordPayload, files: readonly DiscordFile[]): DiscordPayload | FormData {
  if (files.length === 0) return payload;
  const form = new FormData();
  const attachments = files.map((file, id) => ({
    id,
    filename: file.filename,
    ...(file.description ? { description: file.description } : {}),
  }));
  form.append('payload_json', JSON.stringify({ ...payload, attachments }));
  files.forEach((file, n) => {
    form.append(`files[${n}]`, new Blob([file.data], { type: file.contentType }), file.filename);
  });
  return form;
}
