# One job per row of SCHEDULES (functions/schedules.ts, through topology.auto.tfvars.json), in its own time zone.
resource "google_cloud_scheduler_job" "job" {
  for_each    = local.schedules
  name        = "${local.prefix}-${each.value.name}"
  description = each.value.description
  region      = var.region
  schedule    = each.value.schedule
  time_zone   = each.value.time_zone

  pubsub_target {
    topic_name = google_pubsub_topic.topic[each.value.topic].id
    data       = base64encode(each.value.data)
    attributes = each.value.attributes
  }
}

moved {
  from = google_cloud_scheduler_job.scan
  to   = google_cloud_scheduler_job.job
}
