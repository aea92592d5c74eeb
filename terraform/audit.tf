# Audit trail (issue 12, point 7): who read which secret, kept a year; application logs 30 days.

resource "google_project_iam_audit_config" "secret_manager" {
  project = var.project_id
  service = "secretmanager.googleapis.com"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

# The _Default bucket holds the functions' logs (and the data-access audit logs as they arrive): 30 days.
resource "google_logging_project_bucket_config" "default" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "_Default"
  retention_days = var.log_retention_days_app
}

# A copy of every audit log (admin activity, data access, Secret Manager reads) kept 365 days.
resource "google_logging_project_bucket_config" "audit" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "${local.prefix}-sentinel-audit"
  retention_days = var.log_retention_days_audit
  description    = "Crypto Sentinel audit logs (${var.environment})"
}

resource "google_logging_project_sink" "audit" {
  name                   = "${local.prefix}-sentinel-audit"
  destination            = "logging.googleapis.com/projects/${var.project_id}/locations/global/buckets/${google_logging_project_bucket_config.audit.bucket_id}"
  filter                 = "logName:\"cloudaudit.googleapis.com\""
  unique_writer_identity = true
}
