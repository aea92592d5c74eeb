resource "google_monitoring_alert_policy" "errors" {
  display_name = "Crypto Sentinel ${var.environment}: function errors"
  combiner     = "OR"
  conditions {
    display_name = "ERROR log lines from the functions"
    condition_matched_log {
      filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name:\"${local.prefix}-\" AND severity>=ERROR"
    }
  }
  alert_strategy {
    notification_rate_limit {
      period = "300s"
    }
  }
  notification_channels = var.alert_notification_channels
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "Crypto Sentinel ${var.environment}: messages dead-lettered"
  combiner     = "OR"
  conditions {
    display_name = "dead-letter topic received messages"
    condition_threshold {
      filter          = "resource.type=\"pubsub_topic\" AND resource.labels.topic_id=\"dead-letters\" AND metric.type=\"pubsub.googleapis.com/topic/send_message_operation_count\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
  notification_channels = var.alert_notification_channels
}
