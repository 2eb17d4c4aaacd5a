// HTTP actions for flow `call` steps: the runner (SSRF-guarded, pinned to checked addresses, coded
// failures, bounded retries and redirects) and the JSONPath subset that maps answers into slots.
// It knows nothing of flows, slots or templates: the flows interpreter renders requests and reads results.
export * from './http-action.ts';
export * from './create-http-action-runner.ts';
export * from './select-json-path.ts';
export * from './create-pinned-lookup.ts';
