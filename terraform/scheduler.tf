resource "google_cloud_scheduler_job" "scan" {
  for_each  = var.scan_schedules
  name      = "${local.prefix}-scan-${each.key}"
  region    = var.region
  schedule  = each.value.schedule
  time_zone = each.value.time_zone

  pubsub_target {
    topic_name = google_pubsub_topic.topic["scan-requests"].id
    data       = base64encode(jsonencode({ schemaVersion = 1, timeframe = each.value.timeframe, universe = each.value.universe }))
    attributes = { type = "scan-request" }
  }
}
