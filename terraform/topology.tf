# The topology, from functions/topology.ts: terraform/topology.auto.tfvars.json sets these (`npm run topology:tf`
# writes it; a test fails when it differs from the table). Change the table, not the file.

variable "topology_topics" {
  description = "The Pub/Sub topics, in pipeline order."
  type        = list(string)
}

variable "topology_functions" {
  description = "One Cloud Function and its push subscription per entry point."
  type = map(object({
    topic                = string
    filter               = string
    ordered              = bool
    minimum_backoff      = string
    maximum_backoff      = string
    dead_letter          = bool
    ack_deadline_seconds = number
    max_instances        = number
    memory               = string
    timeout_seconds      = number
    publishes            = list(string)
    secrets              = list(string)
    firestore            = bool
  }))
}

variable "topology_schedules" {
  description = "One Cloud Scheduler job per schedule row: at schedule in time_zone it publishes data on topic."
  type = map(object({
    name        = string
    description = string
    schedule    = string
    time_zone   = string
    topic       = string
    attributes  = map(string)
    data        = string
  }))
}
