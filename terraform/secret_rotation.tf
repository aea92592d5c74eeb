# The topic Secret Manager notifies on (SECRET_ROTATE every var.secret_rotation_days, and version events).
resource "google_pubsub_topic" "secret_rotations" {
  name                       = "secret-rotations"
  message_retention_duration = "604800s"
}

# Secret Manager's service agent must be able to publish there before a secret may name the topic.
# (It exists once the API is enabled; `gcloud beta services identity create --service=secretmanager.googleapis.com`
# creates it early.)
resource "google_pubsub_topic_iam_member" "secret_manager_publishes_rotations" {
  topic  = google_pubsub_topic.secret_rotations.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
}

# The handler is functions/notify-discord/secret-rotation.ts (createSecretRotationNotice). It is served as its own
# function row of the topology table (trigger topic "secret-rotations", the DISCORD_SYSTEM_WEBHOOK_URL and
# TEST_DISCORD_WEBHOOK secrets, Firestore for its delivery records); the table's push subscription then comes
# from functions.tf like every other. Until that row exists, this pull subscription keeps the notices readable:
#   gcloud pubsub subscriptions pull <prefix>-secret-rotations-archive --auto-ack --limit=10
resource "google_pubsub_subscription" "secret_rotations_archive" {
  name                       = "${local.prefix}-secret-rotations-archive"
  topic                      = google_pubsub_topic.secret_rotations.id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}
