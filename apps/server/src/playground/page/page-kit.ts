// Shared by the playground page's modules: the shapes the server sends, channel names, DOM helpers and
// the one JSON call. Runs in the browser.

export interface ChannelEntry {
  type: string;
  connectionId: string;
  name: string;
  calls: boolean;
}
export interface DeliveredView {
  providerMessageId: string;
  to: string;
  text: string;
  options?: { id: string; label: string }[];
  media?: { kind: string; url: string; caption?: string };
  action?: string;
  at: string;
}
export type HeardEvent =
  | { type: 'customer'; channel: string; connectionId: string; from: string; text: string; at: string }
  | { type: 'delivered'; channel: string; connectionId: string; index: number; view: DeliveredView }
  | { type: 'stored'; contactId: string };
export interface StateResponse {
  channels: ChannelEntry[];
  widget: { connectionId: string } | null;
  history: HeardEvent[];
}
export interface StoredMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  author: string;
  channelType: string | null;
  text: string;
  status: string;
  createdAt: string;
}
export interface ConversationResponse {
  contact: { id: string; displayName: string | null; identities: { kind: string; value: string }[] } | null;
  conversation: { id: string; status: string } | null;
  messages: StoredMessage[];
}
export interface ActionResponse {
  webhook?: { status: number };
}

export const channelInfo: Record<string, { label: string; identity: string; hint: string }> = {
  whatsapp: { label: 'WhatsApp', identity: '+55 11 8765-4321', hint: 'Como o WhatsApp envia números antigos: sem o 9.' },
  sms: { label: 'SMS', identity: '+55 11 98765-4321', hint: 'O mesmo número, com o 9.' },
  voice: { label: 'Voz (URA)', identity: '+55 11 98765-4321', hint: 'Digite o que o cliente fala; só números viram teclas.' },
  telegram: { label: 'Telegram', identity: '781234567', hint: 'O id numérico do usuário no Telegram.' },
  email: { label: 'E-mail', identity: 'maria.silva@example.com', hint: 'O endereço de quem escreve.' },
  messenger: { label: 'Messenger', identity: '6543210987654321', hint: 'O id da pessoa na página (PSID).' },
  instagram: { label: 'Instagram', identity: '9876543210123456', hint: 'O id da pessoa no Instagram (IGSID).' },
};
export const channelOrder = ['whatsapp', 'sms', 'voice', 'email', 'telegram', 'messenger', 'instagram'];
export const channelLabel = (type: string | null): string =>
  (type ? channelInfo[type]?.label : undefined) ?? (type === 'webchat' ? 'Site' : type === 'api' ? 'App' : (type ?? '?'));

export function el(tag: string, className = '', text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page lacks #${id}`);
  return node;
}
export function inside<T extends Element>(root: ParentNode, selector: string, type: new () => T): T {
  const node = root.querySelector(selector);
  if (!(node instanceof type)) throw new Error(`the panel lacks ${selector}`);
  return node;
}
const canonical = (s: string) => (s.includes('@') ? s.trim().toLowerCase() : s.replace(/\D/g, ''));
export const sameAddress = (a: string, b: string) => canonical(a) === canonical(b);
export const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
/**
 * Calls the playground's own JSON API. The page trusts its own server's answers (same origin, the
 * server validates everything it accepts); what comes back is typed by the caller.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) {
    const message = typeof json === 'object' && json !== null && 'message' in json ? String(json.message) : `HTTP ${res.status}`;
    throw new Error(message);
  }
  return json as T;
}
