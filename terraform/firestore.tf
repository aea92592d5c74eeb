resource "google_firestore_database" "default" {
  name        = var.firestore_database_id
  location_id = var.region
  type        = "FIRESTORE_NATIVE"

  # Point-in-time recovery (7 days of versions) and no deletion by API or console while this is on.
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  # `terraform destroy` leaves the database (and its data) in place.
  deletion_policy = "ABANDON"
}

# Native TTL on `delete_at` for every collection group the store writes (DESIGN §5, decision 16: only terminal
# documents carry one, counted from the wall-clock write).
resource "google_firestore_field" "ttl" {
  for_each   = toset(["signals", "rejected", "outbox", "deliveries", "dead_letters", "bar_ledger"])
  database   = google_firestore_database.default.name
  collection = "${local.prefix}_${each.key}"
  field      = "delete_at"
  ttl_config {}
}
