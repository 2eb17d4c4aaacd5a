/** A template as Graph's message_templates edge lists it (the fields Fio asks for). */
export interface EmulatedTemplate {
  id: string;
  name: string;
  /** Meta's codes: pt_BR, en_US. */
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  components: { type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS'; format?: string; text?: string }[];
}

/** A store's usual templates: three approved (two pt_BR, one en_US) and one still in review. */
export const defaultTemplates: readonly EmulatedTemplate[] = [
  {
    id: '1180442319863550',
    name: 'retomar_atendimento',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Olá {{1}}, aqui é da Loja Exemplo. Podemos continuar o seu atendimento? Responda esta mensagem.' }],
  },
  {
    id: '1180442319863551',
    name: 'pedido_atualizacao',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Seu pedido' },
      { type: 'BODY', text: 'Olá {{1}}! Temos uma novidade sobre o pedido {{2}}: {{3}}.' },
      { type: 'FOOTER', text: 'Loja Exemplo' },
    ],
  },
  {
    id: '1180442319863552',
    name: 'order_update',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}! There is news about your order {{2}}.' }],
  },
  {
    id: '1180442319863553',
    name: 'promo_fim_de_semana',
    language: 'pt_BR',
    status: 'PENDING',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Só neste fim de semana: {{1}} de desconto!' }],
  },
];

/**
 * One page of `GET /{version}/{waba-id}/message_templates` in Meta's documented shape: `data`, and
 * `paging.cursors` (`next` only when more follow). `status` filters; `limit` and `after` page.
 */
export function listTemplatesPage(templates: readonly EmulatedTemplate[], query: URLSearchParams): Record<string, unknown> {
  const status = query.get('status');
  const matching = templates.filter((t) => !status || t.status === status.toUpperCase());
  const limit = Math.min(Math.max(Number(query.get('limit') ?? '25') || 25, 1), 100);
  const start = Number(Buffer.from(query.get('after') ?? '', 'base64url').toString('utf8') || '0') || 0;
  const page = matching.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  return {
    data: page,
    paging: {
      cursors: { before: cursor(start), after: cursor(start + page.length) },
      ...(start + page.length < matching.length ? { next: `message_templates?after=${cursor(start + page.length)}` } : {}),
    },
  };
}
