# One service account per function, each granted only what that function does (least privilege).
resource "google_service_account" "fn" {
  for_each     = local.functions
  account_id   = "${local.prefix}-${substr(lower(replace(each.key, "/([A-Z])/", "-$1")), 0, 20)}"
  display_name = "Crypto Sentinel ${each.key} (${var.environment})"
}

# Push subscriptions authenticate with this identity (OIDC); it may only invoke the functions.
resource "google_service_account" "invoker" {
  account_id   = "${local.prefix}-sentinel-invoker"
  display_name = "Crypto Sentinel push invoker (${var.environment})"
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.functions
  location = var.region
  service  = google_cloudfunctions2_function.fn[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.invoker.email}"
}

# Publishing, secrets and Firestore: each function gets what its row of functions/topology.ts lists.
locals {
  publish_grants = merge([for fn, f in local.functions : { for t in f.publishes : "${fn}/${t}" => { fn = fn, topic = t } }]...)
  secret_grants  = merge([for fn, f in local.functions : { for s in f.secrets : "${fn}/${s}" => { fn = fn, secret = s } }]...)
  # generateSignals is pure and gets none.
  datastore_users = [for fn, f in local.functions : fn if f.firestore]
}

resource "google_pubsub_topic_iam_member" "publish" {
  for_each = local.publish_grants
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${google_service_account.fn[each.value.fn].email}"
}

resource "google_secret_manager_secret_iam_member" "access" {
  for_each  = local.secret_grants
  secret_id = google_secret_manager_secret.secret[each.value.secret].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.fn[each.value.fn].email}"
}

resource "google_project_iam_member" "datastore" {
  for_each = toset(local.datastore_users)
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = "serviceAccount:${google_service_account.fn[each.key].email}"
}

resource "google_project_iam_member" "log_writer" {
  for_each = local.functions
  project  = var.project_id
  role     = "roles/logging.logWriter"
  member   = "serviceAccount:${google_service_account.fn[each.key].email}"
}

# No service account for Cloud Scheduler: a job with a pubsub_target (scheduler.tf) publishes as Cloud Scheduler's
# own service agent (service-<number>@gcp-sa-cloudscheduler.iam.gserviceaccount.com, whose Cloud Scheduler Service
# Agent role holds pubsub.topics.publish); a pubsub_target names no identity. An earlier scheduler account and its
# publish grants were never used and are destroyed. Only the Firestore export job (an http_target) runs as an
# account of its own (firestore_protection.tf).

# Pub/Sub's service agent mints the OIDC tokens of the push subscriptions.
resource "google_service_account_iam_member" "push_token_creator" {
  service_account_id = google_service_account.invoker.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
