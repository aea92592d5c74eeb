resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions
  name     = "${local.prefix}-${lower(replace(each.key, "/([A-Z])/", "-$1"))}"
  location = var.region

  build_config {
    runtime         = "nodejs22"
    entry_point     = each.key
    service_account = local.function_build_service_account
    source {
      storage_source {
        bucket = var.source_bucket
        object = var.source_archive_object
      }
    }
  }

  service_config {
    max_instance_count             = each.value.max_instances
    available_memory               = each.value.memory
    timeout_seconds                = each.value.timeout_seconds
    service_account_email          = google_service_account.fn[each.key].email
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    vpc_connector                  = local.function_egress.vpc_connector
    vpc_connector_egress_settings  = local.function_egress.vpc_connector_egress_settings
    environment_variables          = merge(local.common_env, local.function_env_security, { DEAD_LETTER_MAX_ATTEMPTS = tostring(var.dead_letter_max_attempts) })
  }

  # The build account may log, push the image and read the source before a build starts (build.tf; the staging
  # bucket's grant is left out: that bucket only exists once Cloud Functions has built a function in the region).
  depends_on = [google_project_iam_member.function_build, google_storage_bucket_iam_member.function_build_source]
}

# Push subscriptions we own (not Eventarc's), so each carries the retry policy, dead-letter policy, ordering and
# filter of its row in functions/topology.ts; each function is an http push endpoint that reads the push body
# itself (shared/runtime/push-endpoint.ts: deliveryAttempt included). A filter is immutable: changing one recreates
# its subscription.
resource "google_pubsub_subscription" "push" {
  for_each                = local.functions
  name                    = "${local.prefix}-${each.key}-push"
  topic                   = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds    = each.value.ack_deadline_seconds
  enable_message_ordering = each.value.ordered
  filter                  = each.value.filter
  # The dead-letter feed has no dead-letter topic of its own: it keeps an undeliverable letter a day at most.
  message_retention_duration = each.value.dead_letter ? null : local.dead_letter_recorder_subscription.message_retention_duration

  retry_policy {
    minimum_backoff = each.value.minimum_backoff
    maximum_backoff = each.value.maximum_backoff
  }

  dynamic "dead_letter_policy" {
    for_each = each.value.dead_letter ? [1] : []
    content {
      dead_letter_topic     = google_pubsub_topic.topic["dead-letters"].id
      max_delivery_attempts = var.dead_letter_max_attempts
    }
  }

  push_config {
    push_endpoint = "${google_cloudfunctions2_function.fn[each.key].service_config[0].uri}/projects/${var.project_id}/topics/${each.value.topic}"
    oidc_token {
      service_account_email = google_service_account.invoker.email
    }
  }

  expiration_policy {
    ttl = ""
  }
}

# Dead-lettering needs Pub/Sub's service agent to acknowledge on the source subscriptions.
resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = { for k, f in local.functions : k => f if f.dead_letter }
  subscription = google_pubsub_subscription.push[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
