# The alerts of the guide (issue 12, point 5): log-based metrics on the structured lines the code writes
# (`jsonPayload.event`), thresholds as variables, every policy notifying var.alert_notification_channels
# (required in prod, see variables_security.tf).

locals {
  fn_logs = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name:\"${local.prefix}-\""
  log_metrics = {
    handler_failed      = "jsonPayload.event=\"handler.failed\""
    handler_completed   = "jsonPayload.event=\"handler.completed\""
    alpaca_error_streak = "jsonPayload.event=\"external.call\" AND jsonPayload.service=\"alpaca\" AND jsonPayload.consecutiveFailures>=${var.alert_alpaca_consecutive_errors}"
    scan_completed      = "jsonPayload.event=\"scan.completed\""
    discord_429         = "jsonPayload.event=\"external.call\" AND jsonPayload.service=\"discord\" AND jsonPayload.status=429"
    dead_letter         = "jsonPayload.event=\"dead_letter.recorded\""
  }
}

resource "google_logging_metric" "sentinel" {
  for_each = local.log_metrics
  name     = "${local.prefix}_sentinel_${each.key}"
  filter   = "${local.fn_logs} AND ${each.value}"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
}

# Alpaca requests per scan, from the `alpaca.scan` line's `requests` field.
resource "google_logging_metric" "alpaca_requests_per_scan" {
  name            = "${local.prefix}_sentinel_alpaca_requests_per_scan"
  filter          = "${local.fn_logs} AND jsonPayload.event=\"alpaca.scan\""
  value_extractor = "EXTRACT(jsonPayload.requests)"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
  }
  bucket_options {
    exponential_buckets {
      num_finite_buckets = 16
      growth_factor      = 2
      scale              = 1
    }
  }
}

locals {
  promql = { for k, m in google_logging_metric.sentinel : k => "logging_googleapis_com:user_${m.name}" }
  alert_conditions = {
    failed_executions = { title = "failed executions", query = "sum(increase(${local.promql.handler_failed}[10m])) > 0" }
    alpaca_errors     = { title = "${var.alert_alpaca_consecutive_errors}+ consecutive Alpaca errors", query = "sum(increase(${local.promql.alpaca_error_streak}[10m])) > 0" }
    error_rate        = { title = "error rate above ${var.alert_error_rate_percent} %", query = "sum(increase(${local.promql.handler_failed}[1h])) / (sum(increase(${local.promql.handler_completed}[1h])) + sum(increase(${local.promql.handler_failed}[1h]))) > ${var.alert_error_rate_percent / 100}" }
    api_usage         = { title = "more than ${var.alert_requests_per_scan} Alpaca requests in one scan", query = "histogram_quantile(1, sum by (le) (increase(logging_googleapis_com:user_${google_logging_metric.alpaca_requests_per_scan.name}_bucket[1h]))) > ${var.alert_requests_per_scan}" }
    silence           = { title = "no completed scan for ${var.alert_silence_hours} h", query = "absent_over_time(${local.promql.scan_completed}[${var.alert_silence_hours}h])" }
    discord_429_storm = { title = "Discord 429 storm", query = "sum(increase(${local.promql.discord_429}[10m])) > ${var.alert_discord_429_per_10m}" }
    dead_letters      = { title = "messages dead-lettered", query = "sum(increase(${local.promql.dead_letter}[10m])) > 0" }
  }
}

resource "google_monitoring_alert_policy" "sentinel" {
  for_each     = local.alert_conditions
  display_name = "Crypto Sentinel ${var.environment}: ${each.value.title}"
  combiner     = "OR"
  conditions {
    display_name = each.value.title
    condition_prometheus_query_language {
      query               = each.value.query
      duration            = "0s"
      evaluation_interval = "60s"
    }
  }
  alert_strategy {
    auto_close = "86400s"
  }
  documentation {
    content   = "Runbook: docs/operations.md (first step: `npm run sentinel -- pause` if credentials or trading are at risk)."
    mime_type = "text/markdown"
  }
  notification_channels = var.alert_notification_channels
}
