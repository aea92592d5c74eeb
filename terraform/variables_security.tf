# Variables of the security and operations resources (issue 12); see docs/operations.md.

variable "secret_rotation_days" {
  description = "Days between Secret Manager rotation notices (the guide: 90)."
  type        = number
  default     = 90
  validation {
    condition     = var.secret_rotation_days >= 1 && var.secret_rotation_days <= 365 && floor(var.secret_rotation_days) == var.secret_rotation_days
    error_message = "secret_rotation_days must be a whole number of days from 1 to 365."
  }
}

# Secret Manager refuses a next_rotation_time less than 5 minutes ahead, so no fixed date may be the default: unset,
# each secret's first notice comes secret_rotation_days after the plan that creates it (secrets.tf).
variable "secret_first_rotation_time" {
  description = "When the first rotation notice of a new secret fires (RFC 3339, UTC, at least 5 minutes after the apply); null (the default): secret_rotation_days after the plan. Secret Manager moves it forward afterwards."
  type        = string
  default     = null
  validation {
    condition     = var.secret_first_rotation_time == null || can(regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", var.secret_first_rotation_time))
    error_message = "secret_first_rotation_time must be null or look like 2027-01-04T09:00:00Z."
  }
}

variable "enable_static_egress" {
  description = "Route all function egress through a VPC connector and Cloud NAT with a static address (a fixed source address; every destination stays reachable)."
  type        = bool
  default     = true
}

variable "egress_connector_cidr" {
  description = "The /28 range of the VPC connector's subnetwork."
  type        = string
  default     = "10.8.0.0/28"
  validation {
    condition     = can(cidrhost(var.egress_connector_cidr, 0)) && endswith(var.egress_connector_cidr, "/28")
    error_message = "egress_connector_cidr must be an IPv4 /28 range such as 10.8.0.0/28."
  }
}

variable "enable_secure_web_proxy" {
  description = "Create a Secure Web Proxy gateway whose policy allows only egress_allowed_hosts (needs enable_static_egress and a proxy-only subnet made outside Terraform; off by default). It enforces nothing yet: no function is configured to use it and Cloud NAT still lets all traffic out (docs/operations.md, \"6. Egress\")."
  type        = bool
  default     = false
}

variable "egress_allowed_hosts" {
  description = "Hosts the optional Secure Web Proxy's policy allows (only for clients that use the proxy; see enable_secure_web_proxy)."
  type        = list(string)
  default     = ["*.alpaca.markets", "discord.com", "*.discord.com", "*.googleapis.com"]
}

variable "firestore_database_id" {
  description = "The Firestore database of the store: (default), or the new database a restore created (set FIRESTORE_DATABASE_ID to match)."
  type        = string
  default     = "(default)"
  validation {
    condition     = var.firestore_database_id == "(default)" || can(regex("^[a-z][a-z0-9-]{2,61}[a-z0-9]$", var.firestore_database_id))
    error_message = "firestore_database_id must be (default) or 4-63 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "firestore_backup_retention_days" {
  description = "Days a daily Firestore backup is kept (Firestore allows up to 14 weeks)."
  type        = number
  default     = 14
  validation {
    condition     = var.firestore_backup_retention_days >= 1 && var.firestore_backup_retention_days <= 98
    error_message = "firestore_backup_retention_days must be between 1 and 98."
  }
}

variable "firestore_export_schedule" {
  description = "Cron (UTC) of the daily managed export to Cloud Storage."
  type        = string
  default     = "30 3 * * *"
}

variable "firestore_export_retention_days" {
  description = "Days an export is kept in its bucket."
  type        = number
  default     = 365
  validation {
    condition     = var.firestore_export_retention_days >= 30
    error_message = "firestore_export_retention_days must be at least 30 (exports are the long-term copy)."
  }
}

variable "secret_cache_ttl_seconds" {
  description = "SECRET_CACHE_TTL_SECONDS of the functions: how soon a rotated secret takes effect."
  type        = number
  default     = 600
  validation {
    condition     = var.secret_cache_ttl_seconds >= 0 && var.secret_cache_ttl_seconds <= 86400
    error_message = "secret_cache_ttl_seconds must be between 0 and 86400."
  }
}

variable "alert_alpaca_consecutive_errors" {
  description = "Alpaca calls failing in a row (no answer, 429, 5xx) that raise an alert."
  type        = number
  default     = 3
  validation {
    condition     = var.alert_alpaca_consecutive_errors >= 1
    error_message = "alert_alpaca_consecutive_errors must be at least 1."
  }
}

variable "alert_error_rate_percent" {
  description = "Share of failed handler executions over an hour (percent) that raises an alert."
  type        = number
  default     = 10
  validation {
    condition     = var.alert_error_rate_percent > 0 && var.alert_error_rate_percent <= 100
    error_message = "alert_error_rate_percent must be in (0, 100]."
  }
}

variable "alert_requests_per_scan" {
  description = "Alpaca requests in one scan above which API usage is unusual."
  type        = number
  default     = 50
  validation {
    condition     = var.alert_requests_per_scan >= 1
    error_message = "alert_requests_per_scan must be at least 1."
  }
}

variable "alert_silence_hours" {
  description = "Hours without a completed scan that raise the silence alert."
  type        = number
  default     = 26
  validation {
    condition     = var.alert_silence_hours >= 1 && var.alert_silence_hours <= 168
    error_message = "alert_silence_hours must be between 1 and 168."
  }
}

variable "alert_discord_429_per_10m" {
  description = "Discord 429 answers in 10 minutes that make a storm."
  type        = number
  default     = 5
  validation {
    condition     = var.alert_discord_429_per_10m >= 1
    error_message = "alert_discord_429_per_10m must be at least 1."
  }
}

variable "log_retention_days_app" {
  description = "Retention of application logs (the _Default bucket)."
  type        = number
  default     = 30
  validation {
    condition     = var.log_retention_days_app >= 1 && var.log_retention_days_app <= 3650
    error_message = "log_retention_days_app must be between 1 and 3650."
  }
}

variable "log_retention_days_audit" {
  description = "Retention of the audit log bucket."
  type        = number
  default     = 365
  validation {
    condition     = var.log_retention_days_audit >= 365 && var.log_retention_days_audit <= 3650
    error_message = "log_retention_days_audit must be between 365 and 3650 (the guide keeps audit logs a year)."
  }
}
