locals {
  prefix = var.environment == "prod" ? "live" : "test"

  # The topics of DESIGN.md §1, named as in shared/messages/topics.ts (a test checks it). One environment per
  # project: ENVIRONMENT prefixes collections and tables, not topics.
  topics = ["scan-requests", "market-bars", "analyses", "events", "dead-letters", "maintenance"]

  # One Cloud Function per handler registered in functions/index.ts, with the topic it is pushed from.
  functions = {
    fetchMarketData  = { topic = "scan-requests", filter = "", ordered = false, secrets = ["ALPACA_API_KEY", "ALPACA_SECRET_KEY"], max_instances = 1 }
    generateSignals  = { topic = "market-bars", filter = "", ordered = true, secrets = [], max_instances = 20 }
    persistState     = { topic = "analyses", filter = "", ordered = true, secrets = [], max_instances = 10 }
    notifyDiscord    = { topic = "events", filter = "hasPrefix(attributes.type, \"signal.\")", ordered = false, secrets = ["TEST_DISCORD_WEBHOOK", "LIVE_CRYPTO_DISCORD_WEBHOOK_URL", "LIVE_STOCK_DISCORD_WEBHOOK_URL", "DISCORD_SHADOW_WEBHOOK_URL", "DISCORD_SYSTEM_WEBHOOK_URL"], max_instances = 5 }
    recordDeadLetter = { topic = "dead-letters", filter = "", ordered = false, secrets = [], max_instances = 2 }
  }

  secrets = toset(distinct(flatten([for f in values(local.functions) : f.secrets])))

  common_env = {
    ENVIRONMENT            = var.environment
    GOOGLE_CLOUD_PROJECT   = var.project_id
    STORE                  = "firestore"
    MARKET_DATA_SOURCE     = "alpaca"
    DISABLE_SECRET_MANAGER = "false"
    TEST_MODE              = var.environment == "prod" ? "false" : "true"
    ENABLE_EXECUTION       = "false"
    ALPACA_PAPER_TRADING   = "true"
  }
}
