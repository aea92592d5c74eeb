# The topic Secret Manager notifies on (SECRET_ROTATE every var.secret_rotation_days, and version events) is
# "secret-rotations", a topic of the topology table; its function row announceSecretRotation posts
# "rotate NAME now" on the system route (functions/notify-discord/secret-rotation/).
moved {
  from = google_pubsub_topic.secret_rotations
  to   = google_pubsub_topic.topic["secret-rotations"]
}

# Secret Manager's service agent must be able to publish there before a secret may name the topic.
# (It exists once the API is enabled; `gcloud beta services identity create --service=secretmanager.googleapis.com`
# creates it early.)
resource "google_pubsub_topic_iam_member" "secret_manager_publishes_rotations" {
  topic  = google_pubsub_topic.topic["secret-rotations"].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
}
