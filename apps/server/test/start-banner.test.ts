import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { describeStart } from '../src/server.js';
import { startTestServer } from './support/test-server.js';

/** What scripts (tests/start, the e2e harness) read the URL from; the first line keeps this form. */
const LISTENING = /listening on (http:\/\/\S+)/;

const lan: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [{ address: '10.1.2.3', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '10.1.2.3/24' }],
};

function banner(env: Record<string, string>, port = 3000): string {
  return describeStart({ port, seed: undefined }, loadConfig({ NODE_ENV: 'production', ...env }), 'pglite at ./data/pglite', lan);
}

function firstUrl(text: string): string {
  return LISTENING.exec(text)![1]!;
}

describe('the start banner names an address that works (issue 14, "The first page")', () => {
  it('with nothing set: http://localhost:3000, the public URL, so its links find the same session', () => {
    const text = banner({});
    expect(firstUrl(text)).toBe('http://localhost:3000');
    expect(text.split('\n')[0]).toBe('Accord is listening on http://localhost:3000 — open it in a browser (this machine only; database pglite at ./data/pglite)');
    expect(text.split('\n')).toHaveLength(1);
  });

  it('bound to every interface (HOST=0.0.0.0 or ::): localhost, never 0.0.0.0 or [::], and how others on the network get in', () => {
    for (const host of ['0.0.0.0', '::']) {
      const text = banner({ HOST: host });
      expect(firstUrl(text)).toBe('http://localhost:3000');
      expect(text).toContain('all network interfaces');
      expect(text).not.toMatch(/0\.0\.0\.0|\[::\]/);
      expect(text).toContain('Others on the network: set PUBLIC_URL to the address they will use, such as http://10.1.2.3:3000');
    }
  });

  it('HOST=127.0.0.1 with a PUBLIC_URL of the same name (as the e2e harness starts it): that URL', () => {
    expect(firstUrl(banner({ HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    expect(firstUrl(banner({ HOST: '127.0.0.1' }))).toBe('http://localhost:3000');
  });

  it('a PUBLIC_URL elsewhere (a proxy, a LAN address): both, and which one a browser must open', () => {
    const proxied = banner({ PUBLIC_URL: 'https://accord.example.org' }).split('\n');
    expect(firstUrl(proxied[0]!)).toBe('http://127.0.0.1:3000');
    expect(proxied[1]).toBe('Open https://accord.example.org in a browser (PUBLIC_URL): sign-in is accepted only there and from ALLOWED_ORIGINS, not at http://127.0.0.1:3000');

    const conference = banner({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.20:3000' }).split('\n');
    expect(firstUrl(conference[0]!)).toBe('http://localhost:3000');
    expect(conference[1]).toContain('Open http://192.168.1.20:3000 in a browser');

    // Reached on this machine too when ALLOWED_ORIGINS lets it sign in there.
    const both = banner({ PUBLIC_URL: 'https://accord.example.org', ALLOWED_ORIGINS: 'http://127.0.0.1:3000' }).split('\n');
    expect(both[0]).toContain('http://127.0.0.1:3000 — open it in a browser');
    expect(both[1]).toBe('Invitation links and mails point to its public URL, https://accord.example.org');
  });

  it('bound to one LAN address with no PUBLIC_URL: says what to set, since sign-in would be refused there', () => {
    const text = banner({ HOST: '192.168.1.20' }).split('\n');
    expect(firstUrl(text[0]!)).toBe('http://192.168.1.20:3000');
    expect(text[0]).toContain('192.168.1.20 only');
    expect(text[1]).toBe(
      'Set PUBLIC_URL=http://192.168.1.20:3000 to open it in a browser: sign-in is accepted only from PUBLIC_URL (now http://localhost:3000) and ALLOWED_ORIGINS',
    );
  });

  it('names the port actually chosen when PORT=0, and a real server answers at the printed URL', async () => {
    const t = await startTestServer({ seedDemo: false });
    try {
      const text = describeStart(t.server, loadConfig({ NODE_ENV: 'test', PORT: '0' }), 'pglite', lan);
      const url = firstUrl(text);
      expect(url).toBe(`http://localhost:${t.server.port}`);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
