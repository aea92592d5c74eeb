variable "project_id" {
  description = "Google Cloud project that hosts Crypto Sentinel."
  type        = string
}

variable "region" {
  description = "Region of the functions, scheduler jobs and the source bucket."
  type        = string
  default     = "us-central1"
}

variable "environment" {
  description = "dev or prod: selects test_/live_ collections and the _test BigQuery dataset suffix."
  type        = string
  default     = "dev"
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be \"dev\" or \"prod\"."
  }
}

variable "source_bucket" {
  description = "Bucket holding the zipped builds; Cloud Build creates it on first use (it must exist before the functions)."
  type        = string
}

variable "source_archive_object" {
  description = "Object name of the zipped build (npm run build output) in the source bucket, written by Cloud Build."
  type        = string
}

variable "dead_letter_max_attempts" {
  description = "Deliveries before a message goes to the dead-letter topic (Pub/Sub allows 5 to 100)."
  type        = number
  default     = 5
  validation {
    condition     = var.dead_letter_max_attempts >= 5 && var.dead_letter_max_attempts <= 100
    error_message = "dead_letter_max_attempts must be between 5 and 100."
  }
}

variable "alert_notification_channels" {
  description = "Monitoring notification channel ids for every alert; at least one is required in prod."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for id in var.alert_notification_channels : can(regex("^projects/[^/]+/notificationChannels/[0-9]+$", id))])
    error_message = "alert_notification_channels takes ids such as projects/<project>/notificationChannels/<number>."
  }
  validation {
    condition     = var.environment != "prod" || length(var.alert_notification_channels) > 0
    error_message = "alert_notification_channels must name at least one channel when environment = \"prod\" (alerts nobody receives protect nothing)."
  }
}
