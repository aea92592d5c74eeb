import test from 'ava';
import { block, rootModule, tf, variableDefault } from './terraform-tf.js';

const root = rootModule();

test('every secret rotates every 90 days and notifies the rotation topic Secret Manager may publish to', (t) => {
  const secret = block(tf('secrets.tf'), 'resource "google_secret_manager_secret" "secret"') ?? '';
  t.regex(secret, /rotation_period\s+= "\$\{var\.secret_rotation_days \* 86400\}s"/);
  t.regex(secret, /topics \{\s+name = google_pubsub_topic\.secret_rotations\.id/);
  t.is(variableDefault(root, 'secret_rotation_days'), '90');
  const publisher = block(root, 'resource "google_pubsub_topic_iam_member" "secret_manager_publishes_rotations"') ?? '';
  t.regex(publisher, /gcp-sa-secretmanager\.iam\.gserviceaccount\.com/);
  t.regex(publisher, /roles\/pubsub\.publisher/);
});

test('egress leaves through a VPC connector and Cloud NAT with a static address, all traffic', (t) => {
  t.truthy(block(root, 'resource "google_vpc_access_connector" "egress"'));
  const nat = block(root, 'resource "google_compute_router_nat" "egress"') ?? '';
  t.regex(nat, /nat_ip_allocate_option\s+= "MANUAL_ONLY"/);
  t.regex(nat, /nat_ips\s+= \[google_compute_address\.egress\[0\]\.self_link\]/);
  t.regex(root, /vpc_connector_egress_settings = var\.enable_static_egress \? "ALL_TRAFFIC" : null/);
  t.is(variableDefault(root, 'enable_static_egress'), 'true');
});

test('the Secure Web Proxy allow-list is an optional module, off by default, listing the hosts the guide names', (t) => {
  t.is(variableDefault(root, 'enable_secure_web_proxy'), 'false');
  t.regex(block(root, 'module "secure_web_proxy"') ?? '', /count\s+= var\.enable_secure_web_proxy \? 1 : 0/);
  const hosts = variableDefault(root, 'egress_allowed_hosts') ?? '';
  for (const host of ['*.alpaca.markets', 'discord.com', '*.googleapis.com']) t.true(hosts.includes(`"${host}"`), host);
  t.regex(tf('modules/secure-web-proxy/main.tf'), /basic_profile\s+= "ALLOW"/);
});
