// The channel playground: a page where a person plays one customer on every channel through the demo
// workspace's connections, the local provider emulators and Fio's real webhook code paths. A dev tool:
// it acts only on connections that point at it (fio-playground.invalid) and never shows their secrets.
export { registerPlayground, type PlaygroundRegistration } from './register-playground.ts';
export { playgroundHost, playgroundOrigin } from './playground-origin.ts';
