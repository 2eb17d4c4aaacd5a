import type { Config } from '../config.ts';
import type { FirstRunCredentials } from '../security/bootstrap-admin.ts';

/** What `npm start` prints: where everything is, and on a workspace's first run how to sign in. */
export function printStartBanner(config: Config, address: string, firstRun: FirstRunCredentials[], database: string): void {
  const base = (config.publicUrl ?? address).replace(/\/$/, '');
  const lines = [
    '',
    `  Fio is running on ${base}  (database: ${database})`,
    '',
    `  Agents' inbox      ${base}/inbox/   (sign in with the admin e-mail and password below on first run)`,
    `  Widget demo page   ${base}/demo`,
    ...(config.playground ? [`  Channel playground ${base}/playground   (WhatsApp, SMS, voice, e-mail… against local emulators)`] : []),
    `  API docs           ${base}/api/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Health / metrics   ${base}/healthz   ${base}/metrics`,
    '',
  ];
  for (const c of firstRun) {
    lines.push(
      `  First run of workspace "${c.workspaceSlug}": admin credentials (shown once, stored hashed; change the password in the inbox)`,
      `    e-mail     ${c.email}`,
      `    password   ${c.password}`,
      `    API token  ${c.apiToken}`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
