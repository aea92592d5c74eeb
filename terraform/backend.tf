terraform {
  # Configured at init time (cloudbuild.yaml passes bucket and prefix).
  backend "gcs" {}
}
