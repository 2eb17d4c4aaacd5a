// One channel's panel on the playground page: who the customer is there, what they wrote and what
// reached them (with the options offered as buttons), a composer, and on voice the call control.
import {
  api,
  byId,
  channelInfo,
  el,
  inside,
  sameAddress,
  timeOf,
  type ActionResponse,
  type ChannelEntry,
  type HeardEvent,
} from './page-kit.ts';

export interface Panel {
  channel: ChannelEntry;
  node: HTMLElement;
  identity: HTMLInputElement;
  input: HTMLInputElement;
  status: HTMLElement;
  inCall: boolean;
  /** Everything heard so far (the page's list), which the panel re-renders from. */
  history: readonly HeardEvent[];
  /** The customer acted here: Fio's column follows this person. */
  onUse: (panel: Panel) => void;
}

/** A channel's panel: the customer's identity there, their phone (or mailbox), a composer. */
export function buildPanel(channel: ChannelEntry, history: readonly HeardEvent[], onUse: (panel: Panel) => void): Panel {
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
  const panel: Panel = {
    channel,
    node,
    identity,
    input,
    status: inside(node, '.panel-status', HTMLElement),
    inCall: false,
    history,
    onUse,
  };

  if (channel.calls) {
    inside(node, '.call-controls', HTMLElement).hidden = false;
    inside(node, '.hangup-button', HTMLButtonElement).addEventListener('click', () => void hangUp(panel));
  }
  identity.addEventListener('change', () => {
    render(panel);
    onUse(panel);
  });
  inside(node, '.composer', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    void send(panel);
  });
  updateCallControls(panel);
  return panel;
}

/** The website's panel: Fio's real widget, loaded as a site loads it. */
export function buildWidgetPanel(widget: { connectionId: string }): HTMLElement {
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
  panel.onUse(panel);
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
  panel.onUse(panel);
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

export function updateCallControls(panel: Panel): void {
  if (!panel.channel.calls) return;
  inside(panel.node, '.hangup-button', HTMLButtonElement).disabled = !panel.inCall;
  inside(panel.node, '.call-state', HTMLElement).textContent = panel.inCall
    ? 'Em ligação.'
    : 'Sem ligação: a primeira fala liga para a loja.';
  inside(panel.node, '.composer button', HTMLButtonElement).textContent = panel.inCall ? 'Falar' : 'Ligar e falar';
}

export function belongs(panel: Panel, event: HeardEvent): boolean {
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

export function appendBubble(panel: Panel, event: HeardEvent): void {
  const list = inside(panel.node, '.phone', HTMLElement);
  const bubble = bubbleFor(panel, event);
  if (bubble) list.append(bubble);
  list.scrollTop = list.scrollHeight;
}

export function render(panel: Panel): void {
  inside(panel.node, '.phone', HTMLElement).replaceChildren();
  for (const event of panel.history) if (belongs(panel, event)) appendBubble(panel, event);
  updateCallControls(panel);
}
