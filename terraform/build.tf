# Least privilege for the pipeline (issue 12, point 8): Cloud Build runs as its own service account, and the
# functions are built by another one, instead of the project's default identities.

# The identity cloudbuild.yaml runs as (the trigger's service account; cloudbuild.yaml names it through
# _DEPLOYER_SA). It applies terraform/, so it administers what Terraform manages and nothing else: no Owner, no
# Editor. Bootstrap: the first `terraform apply` is run by a person; later builds run as this account.
resource "google_service_account" "deployer" {
  account_id   = "${local.prefix}-sentinel-deployer"
  display_name = "Crypto Sentinel Cloud Build deployer (${var.environment})"
}

locals {
  # One role per kind of resource in terraform/, plus what a build needs to run and log.
  deployer_roles = [
    "roles/cloudfunctions.developer",
    "roles/run.admin",
    "roles/pubsub.admin",
    "roles/cloudscheduler.admin",
    "roles/secretmanager.admin",
    "roles/datastore.owner",
    "roles/firebaserules.admin",
    "roles/monitoring.editor",
    "roles/logging.configWriter",
    "roles/logging.logWriter",
    "roles/storage.admin",
    "roles/bigquery.dataOwner",
    "roles/compute.networkAdmin",
    "roles/vpcaccess.admin",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountUser",
    "roles/resourcemanager.projectIamAdmin",
  ]
}

resource "google_project_iam_member" "deployer" {
  for_each = toset(local.deployer_roles)
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.deployer.email}"
}

# Builds the function sources (Cloud Functions' build_config.service_account): reads the source archive, writes the
# image to Artifact Registry, writes its logs. Nothing else.
resource "google_service_account" "function_build" {
  account_id   = "${local.prefix}-sentinel-fn-build"
  display_name = "Crypto Sentinel function build (${var.environment})"
}

resource "google_project_iam_member" "function_build" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectViewer"])
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.function_build.email}"
}

output "deployer_service_account" {
  description = "Set it as the Cloud Build trigger's service account and as _DEPLOYER_SA."
  value       = google_service_account.deployer.email
}
