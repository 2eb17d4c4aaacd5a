// The channel playground page (runs in the browser; bundled and served as /playground/playground.js
// at start-up): one panel per emulated channel, the website widget, and Fio's view of the person's one
// conversation, kept live over SSE. Every text from a customer, the bot or a provider is put in the
// page with textContent, never as HTML.
import { appendBubble, belongs, buildPanel, buildWidgetPanel, render, updateCallControls, type Panel } from './channel-panel.ts';
import { followPerson, scheduleRefresh } from './fio-column.ts';
import { api, byId, channelOrder, type HeardEvent, type StateResponse } from './page-kit.ts';

/** Every customer action and delivery heard so far, oldest first (panels re-render from it). */
const events: HeardEvent[] = [];
const panels = new Map<string, Panel>();
const pageStatus = () => byId('page-status', HTMLElement);
const use = (panel: Panel) => followPerson(panel.channel.type, panel.identity.value);

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
  for (const channel of channels) {
    const panel = buildPanel(channel, events, use);
    panels.set(channel.type, panel);
    container.append(panel.node);
  }
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
