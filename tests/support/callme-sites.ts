import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Tiny static websites on loopback addresses, for the embed tests: a "third-party shop"
 * and a "stranger" on origins other than our server's. Each path maps to [content type,
 * body], built at request time from the site's own origin; `csp` is sent with every page.
 */
export class StaticSites {
  private readonly servers: Server[] = [];

  async start(host: string, pages: (origin: string) => Record<string, [string, string]>, csp?: (origin: string) => string): Promise<string> {
    let origin = '';
    const server = createServer((req, res) => {
      const page = pages(origin)[new URL(req.url ?? '/', origin).pathname];
      if (!page) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': page[0], ...(csp ? { 'content-security-policy': csp(origin) } : {}) }).end(page[1]);
    });
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    // 127.0.0.1 is published as "localhost": another site than our server's 127.0.0.1.
    origin = `http://${host === '127.0.0.1' ? 'localhost' : host}:${(server.address() as AddressInfo).port}`;
    return origin;
  }

  close(): void {
    for (const server of this.servers) server.close();
  }
}

/** A shop page with the snippet, under a strict CSP that allows scripts and frames only from our server. */
export function shopPage(serverUrl: string, packageId: string, extraBody = ''): string {
  return `<!doctype html><html><head><title>Shop</title><link rel="stylesheet" href="/shop.css"></head><body><h1>Shop</h1><p>Products</p>${extraBody}<script async src="${serverUrl}/w/${packageId}.js"></script></body></html>`;
}

export const strictCsp = (serverUrl: string, ...frames: string[]) => `default-src 'none'; script-src ${serverUrl}; style-src 'self'; img-src 'self' ${serverUrl}; frame-src ${serverUrl} ${frames.join(' ')}`;
