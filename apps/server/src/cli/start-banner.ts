import type { Config } from '../config.ts';
import type { FirstRunCredentials } from '../security/bootstrap-admin.ts';

export function printStartBanner(config: Config, address: string, firstRun: FirstRunCredentials[], database: string): void {
  const base = (config.publicUrl ?? address).replace(/\/$/, '');
  const lines = [
    '',
    `  Fio is running on ${base}  (database: ${database})`,
    '',
    `  Widget demo page   ${base}/demo`,
    ...(config.playground ? [`  Channel playground ${base}/playground   (WhatsApp, SMS, voice, e-mail… against local emulators)`] : []),
    `  API docs           ${base}/api/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Health / metrics   ${base}/healthz   ${base}/metrics`,
    `  Agents' inbox      ${base}/inbox/   (sign in with the admin e-mail and password below on first run)`,
    '',
  ];
  for (const c of firstRun) {
    lines.push(
      `  First run of workspace "${c.workspaceSlug}": admin credentials (shown once, stored hashed)`,
      `    e-mail     ${c.email}`,
      `    password   ${c.password}`,
      `    API token  ${c.apiToken}`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
