/**
 * The deployment files under infra/ can rot without Docker ever running in CI: a renamed setting, a
 * fourth node HAProxy never hears of, a workspace package the image forgets to copy. This suite reads
 * them as data and holds them to the server they deploy: the compose cluster's settings must be ones
 * the server's config schema knows and accepts, HAProxy must route real-time connections by document
 * and check every node's health route, and the image must carry every package the server imports.
 * `haproxy -c` runs when HAProxy is installed (CI does not install it: then that case is skipped).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../apps/server/src/config/config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  command?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

// Compose files use YAML merge keys (`<<: *accord`) to share the nodes' settings.
const cluster = parse(read('infra/docker-compose.cluster.yml'), { merge: true }) as ComposeFile;
const single = parse(read('infra/docker-compose.yml'), { merge: true }) as ComposeFile;

/** The services that run Accord: built from infra/Dockerfile. */
const accordNodes = Object.entries(cluster.services).filter(([, s]) => s.build?.dockerfile === 'infra/Dockerfile');

/** `${VAR:-default}` as Compose reads it when VAR is unset: the default. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}

/** A service's environment as Compose hands it over with nothing set in the shell. */
function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''))]));
}

/** The variable names of the server's env schema, read from its source (the schema is not exported). */
function configVariables(): Set<string> {
  const source = read('apps/server/src/config/config.ts');
  const start = source.indexOf('const envSchema');
  const end = source.indexOf('.refine(', start);
  expect(start, 'envSchema in config.ts').toBeGreaterThan(-1);
  const names = [...source.slice(start, end).matchAll(/^\s{4}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  // A sanity floor: the parse must have found the schema, not an empty slice.
  expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'NODE_ID', 'LEASE_TTL', 'TRUST_PROXY']));
  return new Set(names);
}

/** The health route as the server declares it (`@Controller('health')` with a bare `@Get()`). */
function healthRoute(): string {
  const controller = read('apps/server/src/health/health.controller.ts');
  const match = /@Controller\('([^']+)'\)/.exec(controller);
  expect(match, 'the health controller names its route').not.toBeNull();
  return `/${match![1]}`;
}

/** HAProxy's sections by their header line ("backend accord_realtime"), each a list of its directives. */
function haproxySections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (!line.trim()) continue;
    if (/^\S/.test(line)) {
      current = [];
      sections.set(line.trim().replace(/\s+/g, ' '), current);
    } else {
      current?.push(line.trim().replace(/\s+/g, ' '));
    }
  }
  return sections;
}

const haproxyText = read('infra/haproxy.cfg');
const haproxy = haproxySections(haproxyText);

function backend(name: string): string[] {
  const lines = haproxy.get(`backend ${name}`);
  expect(lines, `backend ${name}`).toBeDefined();
  return lines!;
}

function frontendLines(): string[] {
  const frontend = [...haproxy.entries()].find(([header]) => header.startsWith('frontend '));
  expect(frontend, 'a frontend section').toBeDefined();
  return frontend![1];
}

/** The backend the frontend sends /socket.io/ to. */
function realtimeBackendName(): string {
  const lines = frontendLines();
  const acl = lines.map((l) => /^acl (\S+) path_beg \/socket\.io\/?$/.exec(l)).find(Boolean);
  expect(acl, 'an acl matching /socket.io/').toBeTruthy();
  const use = lines.map((l) => new RegExp(`^use_backend (\\S+) if ${acl![1]}$`).exec(l)).find(Boolean);
  expect(use, 'use_backend … if the /socket.io/ acl').toBeTruthy();
  return use![1]!;
}

function servers(lines: string[]): Array<{ name: string; host: string; port: number; options: string }> {
  return lines
    .map((l) => /^server (\S+) ([^:\s]+):(\d+)\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, host: m[2]!, port: Number(m[3]), options: m[4]! }));
}

function durationMs(text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  expect(match, `a HAProxy duration: ${text}`).not.toBeNull();
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match![2] ?? 'ms']!;
  return Number(match![1]) * unit;
}

/** A directive's value from the server line or, failing that, the backend's default-server line. */
function serverOption(lines: string[], serverOptions: string, key: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)${key} (\\S+)`);
  const defaults = lines.find((l) => l.startsWith('default-server ')) ?? '';
  return pattern.exec(serverOptions)?.[1] ?? pattern.exec(defaults)?.[1];
}

function hasFlag(lines: string[], serverOptions: string, flag: string): boolean {
  const defaults = lines.find((l) => l.startsWith('default-server ')) ?? '';
  const pattern = new RegExp(`(?:^|\\s)${flag}(?:\\s|$)`);
  return pattern.test(serverOptions) || pattern.test(defaults);
}

function manifest(dir: string): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(read(`${dir}/package.json`)) as { name: string; dependencies?: Record<string, string> };
}

/** The workspace packages the server imports, directly or through one another. */
function serverWorkspacePackages(): string[] {
  const dirs = new Map<string, string>();
  for (const dir of readdirSync(join(root, 'packages'))) dirs.set(manifest(`packages/${dir}`).name, `packages/${dir}`);
  const found = new Set<string>();
  const visit = (dir: string) => {
    for (const [name, version] of Object.entries(manifest(dir).dependencies ?? {})) {
      if (!version.startsWith('workspace:')) continue;
      const target = dirs.get(name);
      expect(target, `${name} is a package under packages/`).toBeDefined();
      if (!found.has(target!)) {
        found.add(target!);
        visit(target!);
      }
    }
  };
  visit('apps/server');
  return [...found].toSorted();
}

describe('the compose cluster (infra/docker-compose.cluster.yml)', () => {
  it('runs three Accord nodes, each with its own NODE_ID', () => {
    expect(accordNodes.map(([name]) => name).toSorted()).toEqual(['node1', 'node2', 'node3']);
    const ids = accordNodes.map(([, s]) => environmentOf(s).NODE_ID);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(accordNodes.length);
  });

  it('points every node at the same PostgreSQL and the same Redis, both services of the file', () => {
    const envs = accordNodes.map(([, s]) => environmentOf(s));
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'LEASE_TTL'] as const) {
      expect(new Set(envs.map((e) => e[key])), key).toEqual(new Set([envs[0]![key]]));
      expect(envs[0]![key], key).toBeTruthy();
    }
    expect(Object.keys(cluster.services)).toContain(new URL(envs[0]!.DATABASE_URL!).hostname);
    expect(Object.keys(cluster.services)).toContain(new URL(envs[0]!.REDIS_URL!).hostname);
  });

  it('sets only variables the server reads, with values its config accepts', () => {
    const known = configVariables();
    for (const [name, service] of accordNodes) {
      const env = environmentOf(service);
      const unknown = Object.keys(env).filter((key) => !known.has(key));
      expect(unknown, `${name} sets variables the server does not read`).toEqual([]);
      const config = loadConfig(env, { stdoutIsTTY: false });
      expect(config.cluster.nodeId).toBe(env.NODE_ID);
      expect(config.cluster.redisUrl).toBe(env.REDIS_URL);
      // Behind HAProxy and reachable from it: X-Forwarded-For trusted, bound to every interface.
      expect(config.trustProxy).toBe(true);
      expect(config.host).toBe('0.0.0.0');
    }
  });

  it('publishes HAProxy on the port PUBLIC_URL names, with this directory\'s haproxy.cfg', () => {
    const proxy = Object.values(cluster.services).find((s) => s.image?.startsWith('haproxy:'));
    expect(proxy, 'an haproxy service').toBeDefined();
    expect(proxy!.image).toMatch(/^haproxy:3(\.|$)/);
    expect(proxy!.volumes).toContain('./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    const publicPort = new URL(environmentOf(accordNodes[0]![1]).PUBLIC_URL!).port;
    expect(proxy!.ports).toContain(`${publicPort}:${publicPort}`);
    expect(frontendLines()).toContain(`bind :${publicPort}`);
  });

  it('runs Redis without persistence in both compose files (it holds nothing that cannot be lost)', () => {
    for (const file of [cluster, single]) {
      const command = file.services.redis?.command ?? [];
      expect(command.join(' ')).toMatch(/--appendonly no/);
      expect(command).toEqual(expect.arrayContaining(['--save', '']));
    }
  });
});

describe('HAProxy (infra/haproxy.cfg)', () => {
  it('hashes real-time connections on the document id, consistently', () => {
    const lines = backend(realtimeBackendName());
    expect(lines.some((l) => l === 'balance url_param doc' || l === 'balance hash url_param(doc)')).toBe(true);
    expect(lines).toContain('hash-type consistent');
  });

  it('health-checks every node on the server\'s health route and drops a dead one within about 2 s', () => {
    const lines = backend(realtimeBackendName());
    expect(lines).toContain(`option httpchk GET ${healthRoute()}`);
    expect(lines).toContain('http-check expect status 200');
    const listed = servers(lines);
    const port = Number(environmentOf(accordNodes[0]![1]).PORT ?? 3000);
    expect(listed.map((s) => `${s.host}:${s.port}`).toSorted()).toEqual(accordNodes.map(([name]) => `${name}:${port}`).toSorted());
    for (const server of listed) {
      expect(hasFlag(lines, server.options, 'check'), `${server.name} is checked`).toBe(true);
      const inter = durationMs(serverOption(lines, server.options, 'inter') ?? '2s');
      const fall = Number(serverOption(lines, server.options, 'fall') ?? 3);
      expect(inter * fall, `${server.name}: inter × fall`).toBeLessThanOrEqual(2000);
    }
  });

  it('sends everything else to every node, up or down with the same checks', () => {
    const realtimeName = realtimeBackendName();
    const fallback = frontendLines().map((l) => /^default_backend (\S+)$/.exec(l)?.[1]).find(Boolean);
    expect(fallback, 'a default_backend').toBeDefined();
    const other = backend(fallback!);
    for (const node of accordNodes.map(([name]) => name)) {
      const server = servers(other).find((s) => s.host === node);
      expect(server, `${node} in ${fallback}`).toBeDefined();
      const tracked = serverOption(other, server!.options, 'track') === `${realtimeName}/${server!.name}`;
      expect(tracked || (hasFlag(other, server!.options, 'check') && other.includes(`option httpchk GET ${healthRoute()}`)), `${node} health in ${fallback}`).toBe(true);
    }
  });

  it('keeps WebSockets open and tells the servers the client\'s address', () => {
    const defaults = haproxy.get('defaults') ?? [];
    const tunnel = defaults.map((l) => /^timeout tunnel (\S+)$/.exec(l)?.[1]).find(Boolean);
    expect(tunnel, 'timeout tunnel').toBeDefined();
    expect(durationMs(tunnel!)).toBeGreaterThanOrEqual(3_600_000);
    expect(defaults).toContain('option forwardfor');
  });

  it.skipIf(spawnSync('haproxy', ['-v']).error !== undefined)('passes haproxy -c', () => {
    const check = spawnSync('haproxy', ['-c', '-f', join(root, 'infra/haproxy.cfg')], { encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });
});

describe('the image (infra/Dockerfile)', () => {
  const dockerfile = read('infra/Dockerfile');

  it('copies into the runtime stage every workspace package the server imports, built', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const dir of ['apps/server', ...serverWorkspacePackages()]) {
      for (const part of ['package.json', 'dist', 'node_modules']) {
        expect(runtime, `${dir}/${part}`).toMatch(new RegExp(`^COPY --from=\\S+ /app/${dir}/${part} `, 'm'));
      }
    }
    expect(runtime).toMatch(/^COPY --from=\S+ \/app\/apps\/web\/dist /m);
    expect(runtime).toMatch(/^COPY --from=\S+ \/app\/packages\/db\/drizzle /m);
  });

  it('runs as a non-root user, checks the health route and starts the built server', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER (?!root\b)\S+/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(new RegExp(`^HEALTHCHECK [\\s\\S]*'${healthRoute()}'`, 'm'));
    expect(runtime).toMatch(/^CMD \["node", "apps\/server\/dist\/main\.js"\]$/m);
  });
});
