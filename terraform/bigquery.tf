resource "google_bigquery_dataset" "analytics" {
  dataset_id  = var.environment == "prod" ? "crypto_analytics" : "crypto_analytics_test"
  location    = "US"
  description = "Append-only facts archived from events (insertId = eventId); views deduplicate on event_id."
}
