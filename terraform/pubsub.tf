resource "google_pubsub_topic" "topic" {
  for_each                   = toset(local.topics)
  name                       = each.key
  message_retention_duration = "604800s"
}

# The functions' push subscriptions are in functions.tf; this pull subscription keeps dead letters readable
# even when the recorder is down.
resource "google_pubsub_subscription" "dead_letter_archive" {
  name                       = "${local.prefix}-dead-letters-archive"
  topic                      = google_pubsub_topic.topic["dead-letters"].id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub's service agent must publish to the dead-letter topic and ack the source subscriptions.
data "google_project" "this" {}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.topic["dead-letters"].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
