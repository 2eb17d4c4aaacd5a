import { createIcon, createNode } from './create-node.ts';
import type { WidgetStrings } from './strings.ts';

/** The static skeleton of the widget inside its shadow root; the element fills it on each render. */
export interface PanelNodes {
  panel: HTMLElement;
  title: HTMLElement;
  subtitle: HTMLElement;
  close: HTMLButtonElement;
  banner: HTMLElement;
  log: HTMLElement;
  typing: HTMLElement;
  quick: HTMLElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  launcher: HTMLButtonElement;
  badge: HTMLElement;
}

const CHAT_ICON = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2z';
const SEND_ICON = 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z';

export function buildPanel(strings: WidgetStrings): PanelNodes {
  const title = createNode('h2', { id: 'fio-title' });
  const subtitle = createNode('p', { class: 'sub' });
  const close = createNode('button', { type: 'button', class: 'close', 'aria-label': strings.closeChat }, ['×']);
  const banner = createNode('div', { class: 'banner', role: 'status' });
  const typing = createNode('div', { class: 'typing' }, [
    createNode('span', { class: 'dots', 'aria-hidden': 'true' }, [createNode('span'), createNode('span'), createNode('span')]),
    createNode('span', { class: 'sr' }, [strings.typing]),
  ]);
  const log = createNode('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'fio-title', tabindex: '0' });
  const quick = createNode('div', { class: 'quick', role: 'group', 'aria-label': strings.suggestions });
  const input = createNode('textarea', {
    rows: '1',
    maxlength: '4096',
    'aria-label': strings.placeholder,
    placeholder: strings.placeholder,
    enterkeyhint: 'send',
  });
  const send = createNode('button', { type: 'submit', class: 'send', 'aria-label': strings.send }, [createIcon(SEND_ICON)]);
  const form = createNode('form', {}, [input, send]);
  const panel = createNode('section', { id: 'fio-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'fio-title' }, [
    createNode('header', {}, [createNode('div', {}, [title, subtitle]), close]),
    banner,
    log,
    quick,
    form,
  ]);
  const badge = createNode('span', { class: 'badge', 'aria-hidden': 'true' });
  const launcher = createNode('button', { type: 'button', class: 'launcher', 'aria-controls': 'fio-panel', 'aria-expanded': 'false' }, [
    createIcon(CHAT_ICON),
    badge,
  ]);
  panel.hidden = true;
  typing.hidden = true;
  banner.hidden = true;
  quick.hidden = true;
  badge.hidden = true;
  return { panel, title, subtitle, close, banner, log, typing, quick, form, input, send, launcher, badge };
}
