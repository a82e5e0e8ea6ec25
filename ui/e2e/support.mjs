// Shared plumbing of the end-to-end suites: where the binaries are, throwaway databases, the
// `claimdesk` CLI, child processes that are always cleaned up, and screenshots to look at.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where screenshots and logs of a run go (ignored by git). */
export const artifactsDir = path.join(repoRoot, 'ui/e2e/artifacts');

/** Debian's Chromium as the suites run it: headless, and quiet on the network. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A file of the end-to-end suites' own fixtures (articles we wrote for them). */
export function fixture(name) {
  return path.join(repoRoot, 'ui/e2e/fixtures', name);
}

/** The demo article the README's first command imports. */
export const demoArticle = path.join(repoRoot, 'demo/articles/harbour-bridge-budget.txt');

const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');

/** A built binary of the workspace (debug profile unless CLAIMDESK_PROFILE says otherwise). */
export function binary(name) {
  const file = path.join(targetDir, process.env.CLAIMDESK_PROFILE ?? 'debug', name);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build it first (cargo build -p ${name})`);
  }
  return file;
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `claimdesk-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Runs the `claimdesk` CLI against a database and returns its stdout. The machine's settings
 * (the editor's name) are a throwaway folder beside the database, the one the suites give the
 * desktop app and `claimdesk serve` too.
 */
export async function claimdesk(db, ...args) {
  const { stdout } = await run(binary('claimdesk'), [...args, '--db', db], {
    env: { ...process.env, CLAIMDESK_DB: db, XDG_CONFIG_HOME: path.join(path.dirname(db), 'config') },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Adds an account to a desk with `claimdesk user add`, the password on standard input as an
 * administrator would pipe it.
 */
export async function addAccount(db, name, password, admin = false) {
  const args = ['user', 'add', name, '--db', db, ...(admin ? ['--admin'] : [])];
  await new Promise((resolve, reject) => {
    const child = spawn(binary('claimdesk'), args, {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(path.dirname(db), 'config') },
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`user add ${name} failed: ${err}`))));
    child.stdin.end(`${password}\n`);
  });
}

/** Runs the lab binary (`claimdesk-lab`: synthetic desks, eval, training) and returns its stdout. */
export async function lab(...args) {
  const { stdout } = await run(binary('claimdesk-lab'), args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Every claim in a database, as `claimdesk claims --format jsonl` reports them. */
export async function claimsInDatabase(db) {
  const out = await claimdesk(db, 'claims', '--format', 'jsonl');
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** A child process that is killed (with its process group) when the suite ends. */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { detached: true, ...options });
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const group = -child.pid;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop };
}

/** Reads a child's stdout until a line matches, or fails after `timeoutMs`. */
export function waitForLine(child, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not start within ${timeoutMs} ms; it printed:\n${seen}`));
    }, timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`${what} exited with ${code} before it was ready; it printed:\n${seen}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.stderr?.on('data', (chunk) => (seen += chunk.toString()));
    child.on('exit', onExit);
  });
}

/**
 * Starts `claimdesk serve` with the built UI (ui/dist) on a free port of this machine;
 * resolves with its address and the process once it listens. The machine's editor name goes
 * to a throwaway settings folder beside the database, never the real one.
 */
export async function serveDesk(database, timeoutMs = 30_000, extraArgs = []) {
  const server = startProcess(
    binary('claimdesk'),
    ['serve', '--port', '0', '--db', database, '--ui', path.join(repoRoot, 'ui/dist'), ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(path.dirname(database), 'config') },
    },
  );
  try {
    const [, url] = await waitForLine(server.child, /ClaimDesk is serving (http:\/\/\S+)/, timeoutMs, 'claimdesk serve');
    return { url, server };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(address.port));
    });
  });
}

/** Whether something listens on a local port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** Makes sure the artifacts folder exists and returns the path of a file in it. */
export async function artifact(name) {
  await mkdir(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}
