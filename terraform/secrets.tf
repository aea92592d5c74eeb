# Secret containers only: values are added out of band (`gcloud secrets versions add`), never in state.
resource "google_secret_manager_secret" "secret" {
  for_each  = local.secrets
  secret_id = each.key
  replication {
    auto {}
  }
}
