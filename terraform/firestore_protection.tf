# Firestore protection (issue 12): deny-all client rules, daily backups, a scheduled export to Cloud Storage.
# A backup or export restores into a NEW database without TTL policies or rules: import it into
# google_firestore_database.default, set firestore_database_id (cloudbuild.yaml: _FIRESTORE_DATABASE_ID) to it and
# apply again (docs/operations.md, "4. Restore drill").

# Client SDKs and REST calls without IAM credentials are refused everything; the server libraries bypass rules.
resource "google_firebaserules_ruleset" "firestore" {
  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/../firestore.rules")
    }
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_firebaserules_release" "firestore" {
  # The default database's release is "cloud.firestore"; another database's is "cloud.firestore/<id>".
  name         = var.firestore_database_id == "(default)" ? "cloud.firestore" : "cloud.firestore/${var.firestore_database_id}"
  ruleset_name = google_firebaserules_ruleset.firestore.name
  depends_on   = [google_firestore_database.default]
}

resource "google_firestore_backup_schedule" "daily" {
  database  = google_firestore_database.default.name
  retention = "${var.firestore_backup_retention_days * 86400}s"
  daily_recurrence {}
}

# Longer retention than backups allow: a managed export to a bucket every day, kept var.firestore_export_retention_days.
resource "google_storage_bucket" "firestore_exports" {
  name                        = "${var.project_id}-${var.environment}-sentinel-firestore-exports"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = false
  }
  lifecycle_rule {
    condition {
      age = var.firestore_export_retention_days
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_service_account" "firestore_export" {
  account_id   = "${local.prefix}-sentinel-export"
  display_name = "Crypto Sentinel Firestore export (${var.environment})"
}

resource "google_project_iam_member" "firestore_export" {
  project = var.project_id
  role    = "roles/datastore.importExportAdmin"
  member  = "serviceAccount:${google_service_account.firestore_export.email}"
}

resource "google_storage_bucket_iam_member" "firestore_export_writer" {
  bucket = google_storage_bucket.firestore_exports.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.firestore_export.email}"
}

# Firestore's service agent writes the export files.
resource "google_storage_bucket_iam_member" "firestore_agent_writer" {
  bucket = google_storage_bucket.firestore_exports.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-firestore.iam.gserviceaccount.com"
}

resource "google_cloud_scheduler_job" "firestore_export" {
  name      = "${local.prefix}-sentinel-firestore-export"
  region    = var.region
  schedule  = var.firestore_export_schedule
  time_zone = "Etc/UTC"
  http_target {
    http_method = "POST"
    uri         = "https://firestore.googleapis.com/v1/projects/${var.project_id}/databases/${var.firestore_database_id}:exportDocuments"
    body        = base64encode(jsonencode({ outputUriPrefix = "gs://${google_storage_bucket.firestore_exports.name}/daily" }))
    headers = {
      "Content-Type" = "application/json"
    }
    oauth_token {
      service_account_email = google_service_account.firestore_export.email
      scope                 = "https://www.googleapis.com/auth/datastore"
    }
  }
}
