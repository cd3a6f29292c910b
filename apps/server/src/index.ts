export { createApp, createLogger } from './app.js';
export { loadConfig, parseDuration, type AppConfig } from './config/config.js';
export { startServer, type RunningServer } from './server.js';
export type { Clock } from './common/clock.js';
