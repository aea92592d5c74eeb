# The analytics archive (DESIGN §3, decision 16). Tables and views are generated from shared/analytics/ into
# terraform/bigquery/ (`npx tsx scripts/analytics/terraform-files.ts --write`; a test checks they agree).
resource "google_bigquery_dataset" "analytics" {
  dataset_id  = var.environment == "prod" ? "crypto_analytics" : "crypto_analytics_test"
  location    = "US"
  description = "Append-only facts archived from events (insertId = eventId); views deduplicate on event_id."
}

locals {
  # Partition expiration per table (days after the archive date): 365 for signal facts, 7 years for trade data.
  fact_tables = {
    fact_signals       = 365
    fact_signal_events = 365
    fact_trades        = 2557
    snapshot_accounts  = 2557
  }
  # Views in creation order: each tier reads only tables and the tiers before it.
  view_tiers = {
    v_signals                = 1
    v_trades                 = 1
    v_account_equity         = 1
    v_signal_outcomes        = 2
    v_performance            = 3
    v_performance_by_pattern = 3
    v_r_curve                = 3
  }
  dataset_path = "${var.project_id}.${google_bigquery_dataset.analytics.dataset_id}"
  # Who writes facts and who reads the views, by function key (granted once the function is deployed).
  analytics_writers = [for f in ["archiveAnalytics"] : f if contains(keys(local.functions), f)]
  digest_readers    = [for f in ["postDigest"] : f if contains(keys(local.functions), f)]
}

# Partitioned by archive day (never the bar date: replayed history would land in expired partitions), clustered by
# symbol. Schema changes are additive only (new NULLABLE columns): Terraform updates the schema in place.
resource "google_bigquery_table" "fact" {
  for_each            = local.fact_tables
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = each.key
  schema              = file("${path.module}/bigquery/${each.key}.schema.json")
  clustering          = ["symbol"]
  deletion_protection = true

  time_partitioning {
    type          = "DAY"
    field         = "archived_at"
    expiration_ms = each.value * 86400000
  }
}

resource "google_bigquery_table" "view_tier1" {
  for_each            = { for v, tier in local.view_tiers : v => tier if tier == 1 }
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = each.key
  deletion_protection = false
  view {
    query          = templatefile("${path.module}/bigquery/views/${each.key}.sql", { dataset = local.dataset_path })
    use_legacy_sql = false
  }
  depends_on = [google_bigquery_table.fact]
}

resource "google_bigquery_table" "view_tier2" {
  for_each            = { for v, tier in local.view_tiers : v => tier if tier == 2 }
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = each.key
  deletion_protection = false
  view {
    query          = templatefile("${path.module}/bigquery/views/${each.key}.sql", { dataset = local.dataset_path })
    use_legacy_sql = false
  }
  depends_on = [google_bigquery_table.view_tier1]
}

resource "google_bigquery_table" "view_tier3" {
  for_each            = { for v, tier in local.view_tiers : v => tier if tier == 3 }
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = each.key
  deletion_protection = false
  view {
    query          = templatefile("${path.module}/bigquery/views/${each.key}.sql", { dataset = local.dataset_path })
    use_legacy_sql = false
  }
  depends_on = [google_bigquery_table.view_tier2]
}

# archiveAnalytics alone writes: dataEditor on this dataset only.
resource "google_bigquery_dataset_iam_member" "writer" {
  for_each   = toset(local.analytics_writers)
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.fn[each.key].email}"
}

# The digests read the views: run query jobs in the project, read this dataset, nothing more.
resource "google_bigquery_dataset_iam_member" "reader" {
  for_each   = toset(local.digest_readers)
  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.fn[each.key].email}"
}

resource "google_project_iam_member" "digest_job_user" {
  for_each = toset(local.digest_readers)
  project  = var.project_id
  role     = "roles/bigquery.jobUser"
  member   = "serviceAccount:${google_service_account.fn[each.key].email}"
}
