/** Every secret the system may read, with what it is for (docs/configuration.md is generated from this). */
export const SECRETS = {
  ALPACA_API_KEY: 'Alpaca key id: market data from Alpaca and paper orders.',
  ALPACA_SECRET_KEY: 'Alpaca secret key, paired with ALPACA_API_KEY.',
  TEST_DISCORD_WEBHOOK: 'Discord webhook for every message while TEST_MODE=true.',
  LIVE_CRYPTO_DISCORD_WEBHOOK_URL: 'Discord webhook for crypto signals when TEST_MODE=false.',
  LIVE_STOCK_DISCORD_WEBHOOK_URL: 'Discord webhook for equity signals when TEST_MODE=false.',
  DISCORD_SHADOW_WEBHOOK_URL:
    'Discord webhook for rejected (shadow) signals when TEST_MODE=false; unset means they are not posted.',
  DISCORD_SYSTEM_WEBHOOK_URL: 'Discord webhook for system alerts (dead letters, reconciliation).',
  DISCORD_BOT_TOKEN: 'Discord bot token for Bot API calls (thread lookup); optional.',
} as const;

/** The name of a secret. */
export type SecretName = keyof typeof SECRETS;

/** Every secret name, in the order above. */
export const SECRET_NAMES = Object.keys(SECRETS) as SecretName[];
