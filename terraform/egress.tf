# Static egress: every request of the functions leaves through one Serverless VPC Access connector and Cloud NAT
# with a reserved address (an allow-list at Alpaca or a firewall can name it). That fixes the source address and
# nothing else: NAT lets every destination out and no firewall rule denies egress. There is no network-level
# allow-list today; the optional Secure Web Proxy below does not provide one (docs/operations.md, "6. Egress").

resource "google_compute_network" "egress" {
  count                   = var.enable_static_egress ? 1 : 0
  name                    = "${local.prefix}-sentinel-egress"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "connector" {
  count                    = var.enable_static_egress ? 1 : 0
  name                     = "${local.prefix}-sentinel-connector"
  region                   = var.region
  network                  = google_compute_network.egress[0].id
  ip_cidr_range            = var.egress_connector_cidr
  private_ip_google_access = true
}

resource "google_vpc_access_connector" "egress" {
  count         = var.enable_static_egress ? 1 : 0
  name          = "${local.prefix}-sentinel-egress"
  region        = var.region
  machine_type  = "e2-micro"
  min_instances = 2
  max_instances = 3
  subnet {
    name = google_compute_subnetwork.connector[0].name
  }
}

resource "google_compute_address" "egress" {
  count  = var.enable_static_egress ? 1 : 0
  name   = "${local.prefix}-sentinel-egress"
  region = var.region
}

resource "google_compute_router" "egress" {
  count   = var.enable_static_egress ? 1 : 0
  name    = "${local.prefix}-sentinel-egress"
  region  = var.region
  network = google_compute_network.egress[0].id
}

resource "google_compute_router_nat" "egress" {
  count                              = var.enable_static_egress ? 1 : 0
  name                               = "${local.prefix}-sentinel-egress"
  router                             = google_compute_router.egress[0].name
  region                             = var.region
  nat_ip_allocate_option             = "MANUAL_ONLY"
  nat_ips                            = [google_compute_address.egress[0].self_link]
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"
  subnetwork {
    name                    = google_compute_subnetwork.connector[0].id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

# Optional, off by default, and incomplete: a Secure Web Proxy gateway whose policy allows only
# var.egress_allowed_hosts. It filters nothing yet: no function is given HTTPS_PROXY, NAT above still lets every
# request out directly, no firewall rule forces traffic through the proxy, and the proxy-only subnet the gateway needs
# in the region is not created here (docs/operations.md, "6. Egress").
module "secure_web_proxy" {
  source        = "./modules/secure-web-proxy"
  count         = var.enable_secure_web_proxy ? 1 : 0
  prefix        = local.prefix
  region        = var.region
  network       = var.enable_static_egress ? google_compute_network.egress[0].id : ""
  subnetwork    = var.enable_static_egress ? google_compute_subnetwork.connector[0].id : ""
  allowed_hosts = var.egress_allowed_hosts
}
