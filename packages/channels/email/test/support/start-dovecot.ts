import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const dovecotBinary = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

export interface RunningDovecot {
  port: number;
  user: string;
  pass: string;
  /** Disconnects every session of the user (a server restart as the client sees it). */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Dovecot IMAP server on a loopback port, configured in a temp dir and run in the foreground
 * (killed by its pid at the end). As root it drops to Dovecot's own users, as anyone else it runs as
 * that user. Mail lives in a Maildir under the temp dir.
 */
export async function startDovecot(): Promise<RunningDovecot> {
  if (!dovecotBinary) throw new Error('dovecot is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'fio-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'fio';
  const pass = 'fio-imap-secret';
  const home = join(dir, 'home');
  mkdirSync(home);
  const me = userInfo();
  const asRoot = me.uid === 0;
  const ids = asRoot ? dovecotIds() : { uid: me.uid, gid: me.gid };
  if (asRoot) chownSync(home, ids.uid, ids.gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${pass}\n`);
  const conf = [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${join(dir, 'dovecot.log')}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'first_valid_uid = 1',
    ...(asRoot
      ? []
      : [`default_internal_user = ${me.username}`, `default_login_user = ${me.username}`, `default_internal_group = ${groupName(me.gid)}`]),
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${ids.uid} gid=${ids.gid} home=${home}/%u`,
    '}',
    'mail_location = maildir:~/Maildir',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    port,
    user,
    pass,
    kick: async () => {
      execFileSync('doveadm', ['-c', join(dir, 'dovecot.conf'), 'kick', user], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 100));
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function dovecotIds(): { uid: number; gid: number } {
  // Dovecot refuses to keep mail as root; the Debian package creates the "dovecot" user.
  const passwd = spawnSyncText('id', ['-u', 'dovecot']);
  const group = spawnSyncText('id', ['-g', 'dovecot']);
  return { uid: Number(passwd), gid: Number(group) };
}

function groupName(gid: number): string {
  return spawnSyncText('getent', ['group', String(gid)]).split(':')[0] ?? String(gid);
}

function spawnSyncText(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error('dovecot did not start listening');
    await new Promise((r) => setTimeout(r, 50));
  }
}
