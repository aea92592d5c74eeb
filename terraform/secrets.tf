# Secret containers only: values are added out of band (`gcloud secrets versions add`), never in state.
# Every secret rotates every 90 days: Secret Manager publishes SECRET_ROTATE on the rotation topic (it rotates
# nothing itself); the notice handler posts "rotate NAME now" on the system route (docs/operations.md).
resource "google_secret_manager_secret" "secret" {
  for_each  = local.secrets
  secret_id = each.key
  replication {
    auto {}
  }

  topics {
    name = google_pubsub_topic.topic["secret-rotations"].id
  }

  rotation {
    rotation_period = "${var.secret_rotation_days * 86400}s"
    # Must be at least 5 minutes ahead when the secret is created: by default one rotation period after the plan.
    next_rotation_time = var.secret_first_rotation_time != null ? var.secret_first_rotation_time : timeadd(plantimestamp(), "${var.secret_rotation_days * 24}h")
  }

  lifecycle {
    # Secret Manager moves next_rotation_time forward by itself after each notification (and plantimestamp() changes
    # on every plan): only the value a secret is created with counts.
    ignore_changes = [rotation[0].next_rotation_time]
  }

  depends_on = [google_pubsub_topic_iam_member.secret_manager_publishes_rotations]
}
