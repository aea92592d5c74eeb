# Least privilege for the pipeline (issue 12, point 8): Cloud Build runs as its own service account, and the
# functions are built by another one, instead of the project's default identities.

# The identity cloudbuild.yaml runs as (the trigger's service account; cloudbuild.yaml names it through
# _DEPLOYER_SA). It applies terraform/, so it administers what Terraform manages and nothing else: no Owner, no
# Editor. Bootstrap: the first `terraform apply` is run by a person; later builds run as this account. The
# deployer cannot change its own roles (below): a change to them is applied by a person too (docs/operations.md,
# "7. Supply chain").
resource "google_service_account" "deployer" {
  account_id   = "${local.prefix}-sentinel-deployer"
  display_name = "Crypto Sentinel Cloud Build deployer (${var.environment})"
}

locals {
  # One role per kind of resource in terraform/, plus what a build needs to run and log. Secrets and project IAM
  # are granted separately below, narrower than their admin roles.
  deployer_roles = [
    "roles/cloudfunctions.developer",
    "roles/run.admin",
    "roles/pubsub.admin",
    "roles/cloudscheduler.admin",
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
    # Reads the custom role below when Terraform refreshes it (iam.roles.get); changing it needs a person.
    "roles/iam.roleViewer",
  ]

  # Every role this configuration grants at project level to an identity other than the deployer (iam.tf,
  # bigquery.tf, firestore_protection.tf and function_build below; a test keeps the list complete). The deployer
  # may grant and revoke these at project level and no other: not Owner, not Project IAM Admin, not its own roles.
  deployer_grantable_roles = [
    "roles/artifactregistry.writer",
    "roles/bigquery.jobUser",
    "roles/datastore.importExportAdmin",
    "roles/datastore.user",
    "roles/logging.logWriter",
  ]
}

resource "google_project_iam_member" "deployer" {
  for_each = toset(local.deployer_roles)
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.deployer.email}"
}

# Project IAM Admin, limited to granting and revoking the roles above (IAM Conditions on the
# iam.googleapis.com/modifiedGrantsByRole attribute; reading the policy needs no grant and stays allowed).
resource "google_project_iam_member" "deployer_project_iam" {
  project = var.project_id
  role    = "roles/resourcemanager.projectIamAdmin"
  member  = "serviceAccount:${google_service_account.deployer.email}"
  condition {
    title       = "only the roles Terraform grants"
    description = "Grant or revoke at project level only local.deployer_grantable_roles (terraform/build.tf)."
    expression  = "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${join(", ", [for role in local.deployer_grantable_roles : "'${role}'"])}])"
  }
}

# Terraform manages the secret containers, their rotation and topics, and who may read them (secrets.tf, iam.tf):
# no predefined role has that without reading values (Secret Manager Admin also has versions.access, and the
# narrower ones cannot set a secret's IAM policy). No versions.* permission: the deployer adds, reads and
# destroys no secret version.
resource "google_project_iam_custom_role" "deployer_secrets" {
  role_id     = "${local.prefix}SentinelSecretContainers"
  title       = "Crypto Sentinel secret containers (${var.environment})"
  description = "Create, update and delete secrets and set their IAM policy; no access to secret versions."
  permissions = [
    "secretmanager.secrets.create",
    "secretmanager.secrets.delete",
    "secretmanager.secrets.get",
    "secretmanager.secrets.getIamPolicy",
    "secretmanager.secrets.list",
    "secretmanager.secrets.setIamPolicy",
    "secretmanager.secrets.update",
  ]
}

resource "google_project_iam_member" "deployer_secrets" {
  project = var.project_id
  role    = google_project_iam_custom_role.deployer_secrets.name
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

# Builds the function sources (Cloud Functions' build_config.service_account): reads the source archive, writes the
# image to Artifact Registry, writes its logs. Nothing else.
resource "google_service_account" "function_build" {
  account_id   = "${local.prefix}-sentinel-fn-build"
  display_name = "Crypto Sentinel function build (${var.environment})"
}

resource "google_project_iam_member" "function_build" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.function_build.email}"
}

# Reads the source archive, on its buckets only (not the Firestore exports, not the Terraform state): the bucket
# Cloud Build uploads the zip to (var.source_bucket, functions.tf's storage_source)...
resource "google_storage_bucket_iam_member" "function_build_source" {
  bucket = var.source_bucket
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.function_build.email}"
}

# ...and the one the build fetches it from: Cloud Functions copies the archive into its own bucket
# gcf-v2-sources-<project number>-<region> and the build reads that copy. Cloud Functions creates the bucket with
# the first 2nd-gen function of the region: on a project without one, the first apply fails here (404) and must be
# run again (docs/operations.md, "8. Terraform where the provider is reachable").
resource "google_storage_bucket_iam_member" "function_build_staging" {
  bucket = "gcf-v2-sources-${data.google_project.this.number}-${var.region}"
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.function_build.email}"
}

output "deployer_service_account" {
  description = "Set it as the Cloud Build trigger's service account and as _DEPLOYER_SA."
  value       = google_service_account.deployer.email
}
