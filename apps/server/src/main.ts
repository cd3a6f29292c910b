import { ConfigError, loadConfig } from './config/config.js';
import { describeStart, startServer } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const dbKind = config.database.url ? 'postgres' : `pglite at ${config.database.pgliteDir}`;
  // Printed, not logged: a newcomer reads this line to find the URL and the demo sign-ins.
  process.stdout.write(`${describeStart(server, config, dbKind)}\n`);
  // Our own handlers rather than Nest's shutdown hooks, which re-raise the signal and so never exit 0.
  const shutdown = (signal: string) => {
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`Accord could not listen: the port is already in use. Stop the other server or set PORT.\n`);
  } else {
    process.stderr.write(`Accord failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
