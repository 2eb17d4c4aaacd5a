// The Fio server as a library: build the app from a config (tests, benchmarks and the CLI use this).
export { buildApp, type AppOverrides, type FioApp } from './app.ts';
export { loadConfig, type Config, ConfigError } from './config.ts';
