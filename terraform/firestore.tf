resource "google_firestore_database" "default" {
  name        = "(default)"
  location_id = var.region
  type        = "FIRESTORE_NATIVE"
}

# Native TTL on `delete_at` for every collection group the store writes (DESIGN §5, reference §5.1).
resource "google_firestore_field" "ttl" {
  for_each   = toset(["signals", "rejected", "outbox", "deliveries", "dead_letters", "bar_ledger"])
  database   = google_firestore_database.default.name
  collection = "${local.prefix}_${each.key}"
  field      = "delete_at"
  ttl_config {}
}
