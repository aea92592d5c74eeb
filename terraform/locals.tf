locals {
  prefix = var.environment == "prod" ? "live" : "test"

  # The topics, functions and Scheduler jobs come from functions/topology.ts, through
  # topology.auto.tfvars.json (topology.tf declares them).
  topics    = var.topology_topics
  functions = var.topology_functions
  schedules = var.topology_schedules

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
