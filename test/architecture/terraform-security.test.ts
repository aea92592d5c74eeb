import test from 'ava';
import { block, rootModule, tf, variableDefault } from './terraform-tf.js';

const root = rootModule();

test('every secret rotates every 90 days and notifies the rotation topic Secret Manager may publish to', (t) => {
  const secret = block(tf('secrets.tf'), 'resource "google_secret_manager_secret" "secret"') ?? '';
  t.regex(secret, /rotation_period\s+= "\$\{var\.secret_rotation_days \* 86400\}s"/);
  t.regex(secret, /topics \{\s+name = google_pubsub_topic\.topic\["secret-rotations"\]\.id/);
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

test('the Secure Web Proxy (not enforced yet) is an optional module, off by default, listing the hosts the guide names', (t) => {
  t.is(variableDefault(root, 'enable_secure_web_proxy'), 'false');
  t.regex(block(root, 'module "secure_web_proxy"') ?? '', /count\s+= var\.enable_secure_web_proxy \? 1 : 0/);
  const hosts = variableDefault(root, 'egress_allowed_hosts') ?? '';
  for (const host of ['*.alpaca.markets', 'discord.com', '*.googleapis.com']) t.true(hosts.includes(`"${host}"`), host);
  t.regex(tf('modules/secure-web-proxy/main.tf'), /basic_profile\s+= "ALLOW"/);
});

test("the guide's alerts are log-based metrics on the events the code writes, thresholds are variables, channels are required in prod", (t) => {
  const alerts = tf('alerts.tf');
  for (const event of [
    'handler.failed',
    'handler.completed',
    'scan.completed',
    'dead_letter.recorded',
    'alpaca.scan',
    'external.call',
  ]) {
    t.true(alerts.includes(`jsonPayload.event=\\"${event}\\"`), event);
  }
  for (const name of [
    'alert_alpaca_consecutive_errors',
    'alert_error_rate_percent',
    'alert_requests_per_scan',
    'alert_silence_hours',
    'alert_discord_429_per_10m',
  ]) {
    t.truthy(variableDefault(root, name), name);
  }
  t.is(variableDefault(root, 'alert_silence_hours'), '26');
  t.is(variableDefault(root, 'alert_error_rate_percent'), '10');
  t.regex(
    block(root, 'variable "alert_notification_channels"') ?? '',
    /var\.environment != "prod" \|\| length\(var\.alert_notification_channels\) > 0/,
  );
});

test('Secret Manager data-access audit logs; logs kept 30 days, audit logs 365', (t) => {
  const audit = tf('audit.tf');
  t.regex(audit, /service = "secretmanager\.googleapis\.com"[\s\S]*DATA_READ/);
  t.is(variableDefault(root, 'log_retention_days_app'), '30');
  t.is(variableDefault(root, 'log_retention_days_audit'), '365');
  t.regex(audit, /filter\s+= "logName:\\"cloudaudit\.googleapis\.com\\""/);
});

test('Firestore: deny-all rules deployed, point-in-time recovery, delete protection, daily backups, scheduled export', (t) => {
  const db = block(tf('firestore.tf'), 'resource "google_firestore_database" "default"') ?? '';
  t.regex(db, /point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"/);
  t.regex(db, /delete_protection_state\s+= "DELETE_PROTECTION_ENABLED"/);
  t.regex(db, /name\s+= var\.firestore_database_id/);
  const protection = tf('firestore_protection.tf');
  t.regex(protection, /file\("\$\{path\.module\}\/\.\.\/firestore\.rules"\)/);
  t.regex(protection, /resource "google_firestore_backup_schedule" "daily"[\s\S]*daily_recurrence/);
  t.regex(protection, /:exportDocuments/);
});
