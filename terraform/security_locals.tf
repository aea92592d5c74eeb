# Issue 12: settings the function resources and subscriptions (functions.tf, table-driven) read.
locals {
  # In each function's service_config:
  #   vpc_connector                 = local.function_egress.vpc_connector
  #   vpc_connector_egress_settings = local.function_egress.vpc_connector_egress_settings
  # (null when static egress is off, which the provider treats as unset).
  function_egress = {
    vpc_connector                 = var.enable_static_egress ? google_vpc_access_connector.egress[0].id : null
    vpc_connector_egress_settings = var.enable_static_egress ? "ALL_TRAFFIC" : null
  }

  # Merged into every function's environment_variables (with local.common_env).
  function_env_security = {
    FIRESTORE_DATABASE_ID    = var.firestore_database_id
    SECRET_CACHE_TTL_SECONDS = tostring(var.secret_cache_ttl_seconds)
  }

  # The recordDeadLetter push subscription has no dead-letter topic of its own: it keeps an undeliverable letter a
  # day at most (the code acknowledges after 24 h too; the archive pull subscription keeps a copy 7 days):
  #   message_retention_duration = local.dead_letter_recorder_subscription.message_retention_duration
  dead_letter_recorder_subscription = {
    message_retention_duration = "86400s"
  }

  # Build identity of every function (build_config.service_account), see build.tf.
  function_build_service_account = google_service_account.function_build.id
}
