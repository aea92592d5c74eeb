output "topics" {
  description = "Topic ids by name."
  value       = { for k, t in google_pubsub_topic.topic : k => t.id }
}

output "function_service_accounts" {
  description = "The service account of each function."
  value       = { for k, sa in google_service_account.fn : k => sa.email }
}
