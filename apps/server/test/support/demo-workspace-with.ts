import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './test-app.ts';

/**
 * A temporary copy of the demo workspace (its settings, hours, tone, texts and bot content: intents,
 * FAQ and flows) whose channels are exactly `channels` — YAML list items indented two spaces.
 * Returns the folder; the caller removes it.
 */
export function writeDemoWorkspaceWith(prefix: string, channels: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const demo = readFileSync(join(repoRoot, 'workspaces/demo/workspace.yaml'), 'utf8');
  const settings = demo.slice(0, demo.indexOf('\nchannels:'));
  for (const folder of ['intents', 'faq', 'flows']) {
    const from = join(repoRoot, 'workspaces/demo', folder);
    if (existsSync(from)) cpSync(from, join(dir, folder), { recursive: true });
  }
  writeFileSync(join(dir, 'workspace.yaml'), `${settings}\nchannels:\n${channels.replace(/^\n+/, '').replace(/\s*$/, '\n')}`);
  return dir;
}

/**
 * The YAML list item (for `writeDemoWorkspaceWith`) of an e-mail connection answering as `address`:
 * Fio's SMTP listener on a free loopback port, replies relayed to the SMTP server at `relayPort`.
 */
export function emailConnectionYaml(id: string, address: string, relayPort: number): string {
  return `  - id: ${id}
    type: email
    name: E-mail
    config:
      address: ${address}
      name: Loja Exemplo
      locale: pt-BR
      timeZone: America/Sao_Paulo
      smtpListener: { host: 127.0.0.1, port: 0 }
      smtp: { host: 127.0.0.1, port: ${relayPort}, timeoutMs: 5000 }
`;
}
