terraform {
  required_version = ">= 1.9" # cross-variable validation (alert_notification_channels in prod)
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
