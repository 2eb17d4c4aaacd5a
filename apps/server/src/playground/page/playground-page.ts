// The channel playground page (runs in the browser; served as /playground/playground.js, types
// stripped at start-up): one panel per emulated channel, the website widget, and Fio's view of the
// person's one conversation, kept live over SSE. Every text from a customer, the bot or a provider is
// put in the page with textContent, never as HTML.

interface ChannelEntry {
  type: string;
  connectionId: string;
  name: string;
  calls: boolean;
}
interface DeliveredView {
  providerMessageId: string;
  to: string;
  text: string;
  options?: { id: string; label: string }[];
  media?: { kind: string; url: string; caption?: string };
  action?: string;
  at: string;
}
type HeardEvent =
  | { type: 'customer'; channel: string; connectionId: string; from: string; text: string; at: string }
  | { type: 'delivered'; channel: string; connectionId: string; index: number; view: DeliveredView }
  | { type: 'stored'; contactId: string };
interface StateResponse {
  channels: ChannelEntry[];
  widget: { connectionId: string } | null;
  history: HeardEvent[];
}
interface StoredMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  author: string;
  channelType: string | null;
  text: string;
  status: string;
  createdAt: string;
}
interface ConversationResponse {
  contact: { id: string; displayName: string | null; identities: { kind: string; value: string }[] } | null;
  conversation: { id: string; status: string } | null;
  messages: StoredMessage[];
}
interface ActionResponse {
  webhook?: { status: number };
}
interface Panel {
  channel: ChannelEntry;
  node: HTMLElement;
  identity: HTMLInputElement;
  input: HTMLInputElement;
  status: HTMLElement;
  inCall: boolean;
}

const channelInfo: Record<string, { label: string; identity: string; hint: string }> = {
  whatsapp: { label: 'WhatsApp', identity: '+55 11 8765-4321', hint: 'Como o WhatsApp envia números antigos: sem o 9.' },
  sms: { label: 'SMS', identity: '+55 11 98765-4321', hint: 'O mesmo número, com o 9.' },
  voice: { label: 'Voz (URA)', identity: '+55 11 98765-4321', hint: 'Digite o que o cliente fala; só números viram teclas.' },
  telegram: { label: 'Telegram', identity: '781234567', hint: 'O id numérico do usuário no Telegram.' },
  email: { label: 'E-mail', identity: 'maria.silva@example.com', hint: 'O endereço de quem escreve.' },
  messenger: { label: 'Messenger', identity: '6543210987654321', hint: 'O id da pessoa na página (PSID).' },
  instagram: { label: 'Instagram', identity: '9876543210123456', hint: 'O id da pessoa no Instagram (IGSID).' },
};
const channelOrder = ['whatsapp', 'sms', 'voice', 'email', 'telegram', 'messenger', 'instagram'];
const channelLabel = (type: string | null): string =>
  (type ? channelInfo[type]?.label : undefined) ?? (type === 'webchat' ? 'Site' : type === 'api' ? 'App' : (type ?? '?'));

/** Every customer action and delivery heard so far, oldest first (panels re-render from it). */
const events: HeardEvent[] = [];
const panels = new Map<string, Panel>();
/** The person whose conversation the right column shows: the last panel used. */
let focus: { channel: string; contact: string } | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function el(tag: string, className = '', text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page lacks #${id}`);
  return node;
}
function inside<T extends Element>(root: ParentNode, selector: string, type: new () => T): T {
  const node = root.querySelector(selector);
  if (!(node instanceof type)) throw new Error(`the panel lacks ${selector}`);
  return node;
}
const canonical = (s: string) => (s.includes('@') ? s.trim().toLowerCase() : s.replace(/\D/g, ''));
const sameAddress = (a: string, b: string) => canonical(a) === canonical(b);
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const pageStatus = () => byId('page-status', HTMLElement);

/**
 * Calls the playground's own JSON API. The page trusts its own server's answers (same origin, the
 * server validates everything it accepts); what comes back is typed by the caller.
 */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
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

function buildPanel(channel: ChannelEntry): HTMLElement {
  const info = channelInfo[channel.type] ?? { label: channel.type, identity: '', hint: '' };
  const template = byId('panel-template', HTMLTemplateElement).content.firstElementChild;
  if (!template) throw new Error('the panel template is empty');
  const node = template.cloneNode(true);
  if (!(node instanceof HTMLElement)) throw new Error('the panel template is not an element');
  node.dataset.channel = channel.type;
  inside(node, '.panel-title', HTMLElement).textContent = info.label;
  inside(node, '.panel-connection', HTMLElement).textContent = channel.connectionId;
  inside(node, '.identity-hint', HTMLElement).textContent = info.hint;
  const identity = inside(node, '.identity-input', HTMLInputElement);
  identity.value = info.identity;
  identity.setAttribute('aria-label', `Cliente no ${info.label}`);
  const input = inside(node, '.composer-input', HTMLInputElement);
  input.setAttribute('aria-label', `Mensagem no ${info.label}`);
  input.placeholder = channel.calls ? 'O que o cliente diz' : 'Mensagem do cliente';
  const panel: Panel = { channel, node, identity, input, status: inside(node, '.panel-status', HTMLElement), inCall: false };

  if (channel.calls) {
    inside(node, '.call-controls', HTMLElement).hidden = false;
    inside(node, '.hangup-button', HTMLButtonElement).addEventListener('click', () => void hangUp(panel));
  }
  identity.addEventListener('change', () => {
    render(panel);
    setFocus(panel);
  });
  inside(node, '.composer', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    void send(panel);
  });
  panels.set(channel.type, panel);
  updateCallControls(panel);
  return node;
}

function buildWidgetPanel(widget: { connectionId: string }): HTMLElement {
  const node = el('article', 'panel');
  node.dataset.channel = 'webchat';
  const head = el('header', 'panel-head');
  head.append(el('h2', 'panel-title', 'Site (widget)'), el('span', 'panel-connection', widget.connectionId));
  const open = el('button', '', 'Abrir o chat do site');
  open.setAttribute('type', 'button');
  open.addEventListener('click', () => window.FioChat?.open());
  node.append(head, el('p', 'widget-note', 'O widget real do Fio (/widget.js), como num site: abre no canto inferior direito.'), open);
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset.connection = widget.connectionId;
  script.dataset.locale = 'pt-BR';
  document.body.append(script);
  return node;
}

async function send(panel: Panel): Promise<void> {
  const text = panel.input.value.trim();
  if (!text) return;
  panel.status.textContent = '';
  setFocus(panel);
  try {
    const name = byId('customer-name', HTMLInputElement).value.trim();
    const answer = await api<ActionResponse>('POST', `/playground/api/${panel.channel.type}/send`, {
      from: panel.identity.value,
      text,
      ...(name ? { name } : {}),
    });
    panel.input.value = '';
    if (panel.channel.calls) panel.inCall = true;
    reportWebhook(panel, answer);
  } catch (err) {
    panel.status.textContent = err instanceof Error ? err.message : String(err);
  }
  updateCallControls(panel);
}

async function pick(panel: Panel, messageIndex: number, optionIndex: number): Promise<void> {
  panel.status.textContent = '';
  setFocus(panel);
  try {
    const body = { from: panel.identity.value, messageIndex, optionIndex };
    reportWebhook(panel, await api<ActionResponse>('POST', `/playground/api/${panel.channel.type}/pick`, body));
  } catch (err) {
    panel.status.textContent = err instanceof Error ? err.message : String(err);
  }
}

async function hangUp(panel: Panel): Promise<void> {
  try {
    await api<ActionResponse>('POST', `/playground/api/${panel.channel.type}/hangup`, { from: panel.identity.value });
  } catch (err) {
    panel.status.textContent = err instanceof Error ? err.message : String(err);
  }
  panel.inCall = false;
  updateCallControls(panel);
}

function reportWebhook(panel: Panel, answer: ActionResponse): void {
  if (answer.webhook && answer.webhook.status >= 300)
    panel.status.textContent = `O webhook do Fio respondeu HTTP ${answer.webhook.status}.`;
}

function updateCallControls(panel: Panel): void {
  if (!panel.channel.calls) return;
  inside(panel.node, '.hangup-button', HTMLButtonElement).disabled = !panel.inCall;
  inside(panel.node, '.call-state', HTMLElement).textContent = panel.inCall
    ? 'Em ligação.'
    : 'Sem ligação: a primeira fala liga para a loja.';
  inside(panel.node, '.composer button', HTMLButtonElement).textContent = panel.inCall ? 'Falar' : 'Ligar e falar';
}

function belongs(panel: Panel, event: HeardEvent): boolean {
  if (event.type === 'stored' || event.channel !== panel.channel.type) return false;
  return sameAddress(event.type === 'customer' ? event.from : event.view.to, panel.identity.value);
}

function bubbleFor(panel: Panel, event: HeardEvent): HTMLElement | null {
  if (event.type === 'stored') return null;
  if (event.type === 'customer') {
    const item = el('li', `bubble customer ${panel.channel.type}`, event.text);
    item.append(el('span', 'meta', timeOf(event.at)));
    return item;
  }
  const view = event.view;
  const item = el('li', `bubble business ${panel.channel.type}`, view.text);
  if (view.media) item.append(el('span', 'meta', `[${view.media.kind}] ${view.media.caption ?? ''}`));
  item.append(el('span', 'meta', `${timeOf(view.at)}${view.action ? ` · ${view.action}` : ''}`));
  if (view.options && view.options.length > 0) {
    const options = el('div', 'options');
    view.options.forEach((option, optionIndex) => {
      const button = el('button', '', option.label);
      button.setAttribute('type', 'button');
      button.addEventListener('click', () => void pick(panel, event.index, optionIndex));
      options.append(button);
    });
    item.append(options);
  }
  if (view.action === 'hangup') panel.inCall = false;
  return item;
}

function appendBubble(panel: Panel, event: HeardEvent): void {
  const list = inside(panel.node, '.phone', HTMLElement);
  const bubble = bubbleFor(panel, event);
  if (bubble) list.append(bubble);
  list.scrollTop = list.scrollHeight;
}

function render(panel: Panel): void {
  inside(panel.node, '.phone', HTMLElement).replaceChildren();
  for (const event of events) if (belongs(panel, event)) appendBubble(panel, event);
  updateCallControls(panel);
}

function hear(event: HeardEvent): void {
  if (event.type === 'stored') {
    scheduleRefresh();
    return;
  }
  events.push(event);
  const panel = panels.get(event.channel);
  if (panel && belongs(panel, event)) {
    appendBubble(panel, event);
    updateCallControls(panel);
  }
}

function setFocus(panel: Panel): void {
  focus = { channel: panel.channel.type, contact: panel.identity.value };
  scheduleRefresh();
}

function scheduleRefresh(): void {
  if (!focus) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshConversation(), 120);
}

async function refreshConversation(): Promise<void> {
  if (!focus) return;
  const person = byId('fio-person', HTMLElement);
  const list = byId('fio-messages', HTMLElement);
  let data: ConversationResponse;
  try {
    data = await api<ConversationResponse>('GET', `/playground/api/conversation?${new URLSearchParams(focus).toString()}`);
  } catch (err) {
    person.textContent = err instanceof Error ? err.message : String(err);
    return;
  }
  if (!data.contact || !data.conversation) {
    person.textContent = `O Fio ainda não conhece ${focus.contact} (${channelLabel(focus.channel)}).`;
    list.replaceChildren();
    return;
  }
  const identities = data.contact.identities.map((i) => `${i.kind}: ${i.value}`).join(' · ');
  const channels = [...new Set(data.messages.map((m) => channelLabel(m.channelType)))].join(', ');
  person.textContent = `${data.contact.displayName ?? 'Cliente'} — ${identities}\nConversa ${data.conversation.id} (${data.conversation.status}) por ${channels}`;
  list.replaceChildren(...data.messages.map(messageItem));
  list.dataset.conversation = data.conversation.id;
  list.scrollTop = list.scrollHeight;
}

function messageItem(message: StoredMessage): HTMLElement {
  const item = el('li', `fio-message ${message.direction}`);
  item.dataset.channel = message.channelType ?? '';
  const badge = el('span', 'badge', channelLabel(message.channelType));
  badge.dataset.channel = message.channelType ?? '';
  const who = message.direction === 'inbound' ? 'cliente' : message.author;
  item.append(badge, el('span', 'who', `${who} · ${timeOf(message.createdAt)} · ${message.status}`), el('p', '', message.text));
  return item;
}

async function start(): Promise<void> {
  // Listen first and keep what arrives while the state loads, so nothing falls between the two.
  const early: HeardEvent[] = [];
  let ready = false;
  const stream = new EventSource('/playground/api/events');
  for (const type of ['customer', 'delivered', 'stored'])
    stream.addEventListener(type, (e) => {
      if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return;
      // The server's own events (see playground-events.ts), trusted as typed like api() answers.
      const event = JSON.parse(e.data) as HeardEvent;
      if (ready) hear(event);
      else early.push(event);
    });
  stream.addEventListener('open', () => {
    pageStatus().textContent = '';
    document.body.dataset.live = 'true';
  });
  stream.addEventListener('error', () => {
    pageStatus().textContent = 'Conexão ao vivo perdida; tentando de novo…';
    document.body.dataset.live = 'false';
  });

  let state: StateResponse;
  try {
    state = await api<StateResponse>('GET', '/playground/api/state');
  } catch (err) {
    pageStatus().textContent = `O playground não respondeu: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  const container = byId('panels', HTMLElement);
  const rank = (type: string) => (channelOrder.includes(type) ? channelOrder.indexOf(type) : channelOrder.length);
  const channels = [...state.channels].sort((a, b) => rank(a.type) - rank(b.type));
  for (const channel of channels) container.append(buildPanel(channel));
  if (state.widget) container.append(buildWidgetPanel(state.widget));
  if (channels.length === 0)
    pageStatus().textContent = 'Nenhuma conexão aponta para o playground (fio-playground.invalid): veja workspaces/demo/workspace.yaml.';
  const known = new Set(state.history.map((e) => JSON.stringify(e)));
  events.push(...state.history);
  for (const event of early) if (event.type !== 'stored' && !known.has(JSON.stringify(event))) events.push(event);
  for (const panel of panels.values()) render(panel);
  ready = true;
}

document.addEventListener('DOMContentLoaded', () => void start());

// A module (served as type="module"): its names stay out of the page's global scope.
export {};
