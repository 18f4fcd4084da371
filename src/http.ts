import { serve, type ServerType } from '@hono/node-server';
import type { App } from './app.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';

export interface HttpServer {
  port: number | undefined;
  server: ServerType | undefined;
  close(): Promise<void>;
}

/** Serve the one Hono app. In the terminal chat a busy port is a warning, not a failure. */
export async function startHttp(app: App, config: Config, log: Logger): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (req, env) => app.api.fetch(req, env), port: config.PORT, hostname: config.HOST });
    server.once('listening', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
      log.info({ port }, 'HTTP server listening');
      resolve({ port, server, close: () => new Promise((r) => server.close(() => r())) });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (config.shell && err.code === 'EADDRINUSE') {
        log.warn({ port: config.PORT }, 'port in use; the terminal chat runs without the HTTP server');
        resolve({ port: undefined, server: undefined, close: async () => {} });
      } else reject(err);
    });
  });
}
