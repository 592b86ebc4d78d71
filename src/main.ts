import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nStart refused. See README "Configuration".\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const running = await bootstrap({ config });
  await running.app.listen(config.port, config.host);
  running.logger.event('info', 'app.listening', {
    url: `http://${config.host}:${config.port}`,
    publicBaseUrl: running.config.publicBaseUrl,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.event('info', 'app.stopping', { signal });
    running
      .close()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        running.logger.error(e);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
