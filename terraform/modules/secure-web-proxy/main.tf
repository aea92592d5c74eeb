# A Secure Web Proxy gateway (explicit proxy mode) and a policy that allows only `allowed_hosts` (host globs, e.g.
# "*.alpaca.markets"). Off unless the root sets enable_secure_web_proxy = true; it costs a running gateway.
# This module alone enforces nothing: it does not create the proxy-only subnet (purpose REGIONAL_MANAGED_PROXY) the
# gateway needs in the region, it points no client at the gateway (nothing sets HTTPS_PROXY), and it does not stop
# traffic that goes around it (Cloud NAT lets everything out). See docs/operations.md, "6. Egress".

variable "prefix" {
  description = "live or test: names every resource."
  type        = string
}

variable "region" {
  description = "Region of the gateway (the functions' region)."
  type        = string
}

variable "network" {
  description = "Self link or id of the VPC network the connector uses (needs enable_static_egress)."
  type        = string
  validation {
    condition     = var.network != ""
    error_message = "The Secure Web Proxy needs the egress network: set enable_static_egress = true."
  }
}

variable "subnetwork" {
  description = "Subnetwork of the gateway."
  type        = string
}

variable "allowed_hosts" {
  description = "Host globs the proxy lets through; everything else is denied."
  type        = list(string)
  validation {
    condition     = length(var.allowed_hosts) > 0 && alltrue([for h in var.allowed_hosts : can(regex("^(\\*\\.)?[a-z0-9.-]+$", h))])
    error_message = "allowed_hosts must be host names, optionally starting with \"*.\"."
  }
}

resource "google_network_security_gateway_security_policy" "egress" {
  name     = "${var.prefix}-sentinel-egress"
  location = var.region
}

resource "google_network_security_gateway_security_policy_rule" "allow" {
  name                    = "${var.prefix}-sentinel-allow-listed-hosts"
  location                = var.region
  gateway_security_policy = google_network_security_gateway_security_policy.egress.name
  enabled                 = true
  priority                = 1000
  basic_profile           = "ALLOW"
  session_matcher         = join(" || ", [for h in var.allowed_hosts : startswith(h, "*.") ? "host().endsWith('${substr(h, 1, -1)}')" : "host() == '${h}'"])
}

resource "google_network_services_gateway" "egress" {
  name                                 = "${var.prefix}-sentinel-egress"
  location                             = var.region
  type                                 = "SECURE_WEB_GATEWAY"
  ports                                = [443]
  scope                                = "${var.prefix}-sentinel-egress"
  gateway_security_policy              = google_network_security_gateway_security_policy.egress.id
  network                              = var.network
  subnetwork                           = var.subnetwork
  delete_swg_autogen_router_on_destroy = true
}

output "gateway_addresses" {
  description = "Where HTTPS_PROXY points."
  value       = google_network_services_gateway.egress.addresses
}
