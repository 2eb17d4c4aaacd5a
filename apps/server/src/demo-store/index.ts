// "Loja Exemplo"'s back office, shipped with Fio so the demo's flows call a real HTTP API: orders,
// CEP lookup, address change and appointment slots, in memory per registration, dated by the clock.
// It is a demo service: it never touches Fio's database or the conversation engine.
export * from './register-demo-store.ts';
export * from './create-demo-store.ts';
