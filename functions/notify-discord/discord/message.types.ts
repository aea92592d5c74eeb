/** One embed field (wire-formats C.3). */
export interface EmbedField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

/** A rich embed as Discord's execute-webhook JSON takes it (wire-formats C.3). */
export interface DiscordEmbed {
  readonly title?: string;
  readonly description?: string;
  readonly url?: string;
  readonly color?: number;
  /** ISO-8601. */
  readonly timestamp?: string;
  readonly footer?: { readonly text: string };
  readonly author?: { readonly name: string };
  readonly image?: { readonly url: string };
  readonly thumbnail?: { readonly url: string };
  readonly fields?: readonly EmbedField[];
}

/** The JSON part of an execute-webhook or edit request (`payload_json` when files ride along). */
export interface DiscordPayload {
  readonly content?: string;
  readonly username?: string;
  readonly embeds: readonly DiscordEmbed[];
  readonly thread_name?: string;
  readonly allowed_mentions?: { readonly parse: readonly string[] };
  readonly attachments?: readonly { readonly id: number; readonly filename: string; readonly description?: string }[];
}

/** A file sent as `files[0]` and referred to as `attachment://<filename>`. */
export interface DiscordFile {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly description?: string;
}
