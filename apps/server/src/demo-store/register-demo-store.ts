import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createDemoStore } from './create-demo-store.ts';

export interface DemoStoreOptions {
  /** Bearer token the flows send; an empty token refuses every request. */
  token: string;
  clock: () => Date;
  /** The store's zone for hours, ETAs and slot labels; default America/Sao_Paulo. */
  timezone?: string;
}

/** Every `error` code the API answers with; README.md documents each (a test checks it). */
export const demoStoreErrorCodes = [
  'unauthorized',
  'not_found',
  'invalid_ref',
  'already_shipped',
  'invalid_cep',
  'invalid_cpf',
  'unknown_cep',
  'invalid_body',
  'invalid_date',
  'invalid_slot',
  'slot_taken',
] as const;
export type DemoStoreErrorCode = (typeof demoStoreErrorCodes)[number];

const addressBody = z.object({
  cep: z.string().trim().min(1).max(20),
  number: z.union([z.string().trim().min(1).max(20), z.number().int().nonnegative()]),
  complement: z.string().trim().max(100).optional(),
});
const appointmentBody = z.object({
  slotId: z.string().trim().min(1).max(40),
  name: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
});
const slotsQuery = z.object({ date: z.string().trim().optional() });
const refParams = z.object({ ref: z.string().max(40) });
const cepParams = z.object({ cep: z.string().max(40) });
const cpfParams = z.object({ cpf: z.string().max(40) });
const numberParams = z.object({ number: z.string().max(40) });

/**
 * Mounts "Loja Exemplo"'s back-office API at /demo-store, so the demo's flows call a real HTTP service
 * (orders, CEP lookup, address change, appointments). State lives in this registration's memory.
 */
export function registerDemoStore(app: FastifyInstance, options: DemoStoreOptions): void {
  const store = createDemoStore({ clock: options.clock, timezone: options.timezone ?? 'America/Sao_Paulo' });
  const expected = digest(options.token);

  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        if (!isAuthorised(req, expected, options.token !== ''))
          return reply
            .status(401)
            .header('www-authenticate', 'Bearer')
            .send({ error: 'unauthorized' satisfies DemoStoreErrorCode });
      });

      scope.get('/api/orders/:ref', { schema: { hide: true } }, async (req, reply) => {
        const params = refParams.safeParse(req.params);
        if (!params.success) return sendError(reply, 400, 'invalid_ref');
        const found = store.findOrder(params.data.ref);
        if (found.ok) return found.order;
        return sendError(reply, found.reason === 'not_found' ? 404 : 400, found.reason);
      });

      scope.post('/api/orders/:number/cancel', { schema: { hide: true } }, async (req, reply) => {
        const params = numberParams.safeParse(req.params);
        if (!params.success) return sendError(reply, 404, 'not_found');
        const result = store.cancelOrder(params.data.number);
        if (result.ok) return { number: result.number, status: result.status };
        return sendError(reply, result.reason === 'not_found' ? 404 : 409, result.reason);
      });

      scope.get('/api/cep/:cep', { schema: { hide: true } }, async (req, reply) => {
        const params = cepParams.safeParse(req.params);
        if (!params.success) return sendError(reply, 400, 'invalid_cep');
        const found = store.findAddress(params.data.cep);
        if (found.ok) return found.address;
        return sendError(reply, found.reason === 'not_found' ? 404 : 400, found.reason);
      });

      scope.put('/api/customers/:cpf/address', { schema: { hide: true } }, async (req, reply) => {
        const params = cpfParams.safeParse(req.params);
        const body = addressBody.safeParse(req.body);
        if (!params.success) return sendError(reply, 400, 'invalid_cpf');
        if (!body.success) return sendInvalidBody(reply, body.error);
        const result = store.updateAddress(params.data.cpf, { ...body.data, number: String(body.data.number) });
        if (result.ok) return { cpf: result.cpf, address: result.address };
        return sendError(reply, result.reason === 'not_found' ? 404 : 400, result.reason);
      });

      scope.get('/api/appointments/slots', { schema: { hide: true } }, async (req, reply) => {
        const query = slotsQuery.safeParse(req.query);
        const date = query.success && query.data.date !== '' ? query.data.date : undefined;
        const result = store.listSlots(date);
        if (!query.success || !result.ok) return sendError(reply, 400, 'invalid_date');
        return { slots: result.slots };
      });

      scope.post('/api/appointments', { schema: { hide: true } }, async (req, reply) => {
        const body = appointmentBody.safeParse(req.body);
        if (!body.success) return sendInvalidBody(reply, body.error);
        const result = store.bookSlot(body.data);
        if (result.ok) return reply.status(201).send({ id: result.id, slotId: result.slotId, label: result.label, labels: result.labels });
        return sendError(reply, result.reason === 'slot_taken' ? 409 : 400, result.reason);
      });
    },
    { prefix: '/demo-store' },
  );
}

function isAuthorised(req: FastifyRequest, expected: Buffer, enabled: boolean): boolean {
  const header = req.headers.authorization;
  if (!enabled || typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return false;
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  return timingSafeEqual(digest(match[1]), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function sendError(reply: FastifyReply, status: number, error: DemoStoreErrorCode) {
  return reply.status(status).send({ error });
}

function sendInvalidBody(reply: FastifyReply, error: z.ZodError) {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(body)'))];
  return reply.status(400).send({ error: 'invalid_body' satisfies DemoStoreErrorCode, fields });
}
