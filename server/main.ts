/**
 * Composition root: read the configuration, start everything, stop cleanly on a signal.
 * This is the only module that touches `process.env`.
 */
import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './server.ts';

try {
  const config = loadConfig(process.env);
  const server = await startServer(config);
  const shutdown = (signal: string) => {
    server.logger.info(`${signal} received, shutting down`);
    server.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
