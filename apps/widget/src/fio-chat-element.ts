import type { ClientHelloFrame, ServerFrame, WidgetIdentity } from '@fio/contracts';
import { openBrowserStorage, type KeyValueStore } from './browser-storage.ts';
import { buildPanel, type PanelNodes } from './build-panel.ts';
import { applyServerFrame, createChatState, isRetryableError, type ChatState } from './chat-state.ts';
import { createChatConnection, openBrowserSocket, type ChatConnection, type ConnectionState } from './chat-connection.ts';
import { chooseLocale, type WidgetLocale } from './choose-locale.ts';
import { addToOutbox, parseOutbox, removeFromOutbox, type OutboxEntry } from './outbox.ts';
import { renderItem, updateItem } from './render-item.ts';
import { getStrings, type WidgetStrings } from './strings.ts';
import { WIDGET_CSS } from './styles.ts';
import { toRenderModel, type Choice, type RenderItem } from './to-render-model.ts';
import { createRandomId, isValidVisitorId } from './visitor-id.ts';

/**
 * <fio-chat connection="..." server="https://fio.example.com" locale="pt-BR" [user-*] [open]>:
 * the launcher, the panel and their behaviour. State changes go through chat-state (pure); this
 * class owns the DOM, the socket session, localStorage and timers.
 */
const TYPING_HIDE_MS = 10_000;
const TYPING_IDLE_MS = 3_000;
const NOTICE_HIDE_MS = 8_000;
const RETRY_AFTER_REFUSAL_MS = 5_000;
const SIGNATURE = /^[0-9a-f]{64}$/;

function toSocketUrl(server: string | null): string {
  const url = new URL('/ws', server || location.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export class FioChatElement extends HTMLElement {
  static readonly observedAttributes = ['open', 'user-id', 'user-email', 'user-phone', 'user-name', 'user-signature'];

  private nodes: PanelNodes | null = null;
  private connection: ChatConnection | null = null;
  private storage: KeyValueStore = openBrowserStorage();
  private locale: WidgetLocale = 'pt-BR';
  private strings: WidgetStrings = getStrings('pt-BR');
  private state: ChatState = createChatState();
  private outbox: OutboxEntry[] = [];
  private connectionState: ConnectionState = 'connecting';
  private visitorId = '';
  private isOpen = false;
  private shown = new Map<string, { node: HTMLElement; signature: string }>();
  private timers: Partial<Record<'typing' | 'typingIdle' | 'notice' | 'retry', ReturnType<typeof setTimeout>>> = {};
  private typingSent = false;
  private identityChangePending = false;
  private readonly onOnline = (): void => this.connection?.reconnectNow();

  private get connectionId(): string {
    return this.getAttribute('connection') ?? '';
  }

  private storageKey(name: string): string {
    return `fio-chat:${this.connectionId}:${name}`;
  }

  connectedCallback(): void {
    if (this.connection) return;
    if (!this.connectionId) {
      console.warn('[fio-chat] missing connection attribute');
      return;
    }
    this.locale = chooseLocale(this.getAttribute('locale'), navigator.languages ?? [navigator.language]);
    this.strings = getStrings(this.locale);
    this.visitorId = this.loadVisitorId();
    this.outbox = parseOutbox(this.storage.get(this.storageKey('outbox')), Date.now());
    this.nodes ??= this.buildShadow();
    this.connection = createChatConnection({
      url: toSocketUrl(this.getAttribute('server')),
      openSocket: openBrowserSocket,
      buildHello: () => this.buildHello(),
      onFrame: (frame) => this.handleFrame(frame),
      onState: (state) => {
        this.connectionState = state;
        this.render();
      },
    });
    window.addEventListener('online', this.onOnline);
    this.connection.start();
    if (this.hasAttribute('open') || openBrowserStorage('session').get(this.storageKey('open')) === '1') this.setOpen(true, false);
    this.render();
  }

  disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    this.connection?.stop();
    this.connection = null;
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
  }

  attributeChangedCallback(name: string): void {
    if (name === 'open') {
      if (this.hasAttribute('open') !== this.isOpen) this.setOpen(!this.isOpen, true);
      return;
    }
    // Several user-* attributes usually change together: one new hello for all of them.
    if (!this.connection || this.identityChangePending) return;
    this.identityChangePending = true;
    queueMicrotask(() => {
      this.identityChangePending = false;
      this.connection?.reconnectNow();
    });
  }

  private loadVisitorId(): string {
    const stored = this.storage.get(this.storageKey('visitor'));
    if (isValidVisitorId(stored)) return stored;
    const created = createRandomId('v');
    this.storage.set(this.storageKey('visitor'), created);
    return created;
  }

  private readIdentity(): WidgetIdentity | undefined {
    const signature = this.getAttribute('user-signature')?.trim().toLowerCase();
    if (!signature) return undefined;
    if (!SIGNATURE.test(signature)) {
      console.warn('[fio-chat] user-signature must be 64 hex characters; identity ignored');
      return undefined;
    }
    const identity: WidgetIdentity = { signature };
    const userId = this.getAttribute('user-id');
    const email = this.getAttribute('user-email');
    const phone = this.getAttribute('user-phone');
    const name = this.getAttribute('user-name');
    if (userId) identity.userId = userId;
    if (email) identity.email = email;
    if (phone) identity.phone = phone;
    if (name) identity.name = name;
    return identity;
  }

  private buildHello(): ClientHelloFrame {
    const identity = this.readIdentity();
    const afterSeq = this.state.welcomed ? this.state.lastSeq : null;
    return {
      type: 'hello',
      connectionId: this.connectionId,
      visitorId: this.visitorId,
      locale: this.locale,
      ...(identity ? { identity } : {}),
      ...(afterSeq !== null && afterSeq >= 0 ? { afterSeq } : {}),
    };
  }

  private buildShadow(): PanelNodes {
    const root = this.attachShadow({ mode: 'open' });
    const nodes = buildPanel(this.strings);
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      // A constructed sheet is not inline <style>, so a host CSP without 'unsafe-inline' still allows it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(Object.assign(document.createElement('style'), { textContent: WIDGET_CSS }));
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'root';
    wrapper.append(nodes.panel, nodes.launcher);
    root.append(wrapper);
    nodes.launcher.addEventListener('click', () => this.setOpen(!this.isOpen, true));
    nodes.close.addEventListener('click', () => this.setOpen(false, true));
    nodes.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.setOpen(false, true);
    });
    nodes.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    nodes.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitInput();
      }
    });
    nodes.input.addEventListener('input', () => {
      this.fitInputHeight();
      this.signalTyping();
    });
    nodes.input.addEventListener('blur', () => this.stopTyping());
    return nodes;
  }

  private setOpen(open: boolean, moveFocus: boolean): void {
    const nodes = this.nodes;
    if (!nodes) return;
    this.isOpen = open;
    nodes.panel.hidden = !open;
    nodes.launcher.setAttribute('aria-expanded', String(open));
    this.toggleAttribute('open', open);
    openBrowserStorage('session').set(this.storageKey('open'), open ? '1' : '0');
    if (open) this.state = { ...this.state, unread: 0 };
    else this.stopTyping();
    this.render();
    if (open) {
      this.scrollToEnd();
      if (moveFocus) nodes.input.focus();
    } else if (moveFocus) {
      nodes.launcher.focus();
    }
  }

  private handleFrame(frame: ServerFrame): void {
    this.state = applyServerFrame(this.state, frame, { open: this.isOpen, outbox: this.outbox });
    switch (frame.type) {
      case 'welcome':
        this.sendOutbox();
        break;
      case 'ack':
        this.updateOutbox((outbox) => removeFromOutbox(outbox, frame.clientMessageId));
        break;
      case 'error':
        this.handleError(frame.code, frame.clientMessageId);
        break;
      case 'typing':
        clearTimeout(this.timers.typing);
        if (frame.on) this.timers.typing = setTimeout(() => this.setState({ ...this.state, typing: null }), TYPING_HIDE_MS);
        break;
      case 'message':
      case 'status':
      case 'pong':
        break;
    }
    this.render();
  }

  private handleError(code: string, clientMessageId: string | undefined): void {
    clearTimeout(this.timers.notice);
    this.timers.notice = setTimeout(() => this.setState({ ...this.state, notice: null }), NOTICE_HIDE_MS);
    if (isRetryableError(code)) {
      // The server may refuse a frame before reading it (no clientMessageId): resend the whole outbox
      // later, with the same clientMessageIds, so nothing is lost and nothing is duplicated.
      clearTimeout(this.timers.retry);
      this.timers.retry = setTimeout(() => this.sendOutbox(), RETRY_AFTER_REFUSAL_MS);
    } else if (clientMessageId) {
      this.updateOutbox((outbox) => removeFromOutbox(outbox, clientMessageId));
    }
  }

  private setState(state: ChatState): void {
    this.state = state;
    this.render();
  }

  /** Read-modify-write against storage, so two tabs of the same visitor do not resurrect acked entries. */
  private updateOutbox(change: (outbox: OutboxEntry[]) => OutboxEntry[]): void {
    const key = this.storageKey('outbox');
    this.outbox = change(parseOutbox(this.storage.get(key), Date.now()));
    this.storage.set(key, JSON.stringify(this.outbox));
  }

  private sendOutbox(): void {
    for (const entry of this.outbox) this.sendEntry(entry);
  }

  private sendEntry(entry: OutboxEntry): void {
    const content =
      entry.payload === undefined
        ? { kind: 'text' as const, text: entry.text }
        : { kind: 'text' as const, text: entry.text, payload: entry.payload };
    this.connection?.send({ type: 'message', clientMessageId: entry.clientMessageId, content });
  }

  private sendMessage(text: string, payload?: string): void {
    const trimmed = text.trim().slice(0, 4096);
    if (!trimmed) return;
    const entry: OutboxEntry = { clientMessageId: createRandomId('m'), text: trimmed, createdAt: new Date().toISOString() };
    if (payload !== undefined) entry.payload = payload.slice(0, 256);
    this.updateOutbox((outbox) => addToOutbox(outbox, entry));
    this.stopTyping();
    this.sendEntry(entry);
    this.render();
    this.scrollToEnd();
  }

  private submitInput(): void {
    const input = this.nodes?.input;
    if (!input || !input.value.trim()) return;
    this.sendMessage(input.value);
    input.value = '';
    this.fitInputHeight();
  }

  private choose(choice: Choice): void {
    this.sendMessage(choice.label, choice.id);
    this.nodes?.input.focus();
  }

  private signalTyping(): void {
    clearTimeout(this.timers.typingIdle);
    if (!this.nodes?.input.value.trim()) return this.stopTyping();
    // Throttled to one "on" per burst of typing, and one "off" after a pause.
    if (!this.typingSent) this.typingSent = this.connection?.send({ type: 'typing', on: true }) ?? false;
    this.timers.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.timers.typingIdle);
    if (!this.typingSent) return;
    this.typingSent = false;
    this.connection?.send({ type: 'typing', on: false });
  }

  private fitInputHeight(): void {
    const input = this.nodes?.input;
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + 2}px`;
  }

  private scrollToEnd(): void {
    const log = this.nodes?.log;
    if (log) log.scrollTop = log.scrollHeight;
  }

  private render(): void {
    const nodes = this.nodes;
    if (!nodes) return;
    const model = toRenderModel(this.state, this.outbox, this.strings);
    nodes.title.textContent = model.title;
    nodes.subtitle.textContent = model.subtitle ?? '';
    nodes.subtitle.hidden = !model.subtitle;
    const bannerText = this.connectionState === 'reconnecting' ? this.strings.reconnecting : (model.notice ?? '');
    nodes.banner.textContent = bannerText;
    nodes.banner.hidden = !bannerText;
    nodes.launcher.setAttribute(
      'aria-label',
      this.isOpen
        ? this.strings.closeChat
        : model.unread > 0
          ? `${this.strings.openChat} (${this.strings.unread(model.unread)})`
          : this.strings.openChat,
    );
    nodes.badge.textContent = model.unread > 9 ? '9+' : String(model.unread);
    nodes.badge.hidden = this.isOpen || model.unread === 0;
    nodes.typing.hidden = !model.typing;
    this.renderQuickReplies(model.quickReplies);
    const nearEnd = nodes.log.scrollHeight - nodes.log.scrollTop - nodes.log.clientHeight < 80;
    this.renderItems(model.items);
    if (nearEnd) this.scrollToEnd();
  }

  /** Keyed update of the log: a bubble is created once and only its delivery/choices change after. */
  private renderItems(items: readonly RenderItem[]): void {
    const nodes = this.nodes;
    if (!nodes) return;
    const keep = new Set<string>();
    items.forEach((item, index) => {
      keep.add(item.key);
      const signature = JSON.stringify([item.side, item.author, item.parts]);
      let entry = this.shown.get(item.key);
      if (!entry || entry.signature !== signature) {
        const node = renderItem(item, this.strings, this.locale, (choice) => this.choose(choice));
        entry?.node.replaceWith(node);
        entry = { node, signature };
        this.shown.set(item.key, entry);
      } else {
        updateItem(entry.node, item, this.strings, this.locale);
      }
      const current = nodes.log.children[index];
      if (current !== entry.node) nodes.log.insertBefore(entry.node, current ?? null);
    });
    for (const [key, entry] of this.shown) {
      if (!keep.has(key)) {
        entry.node.remove();
        this.shown.delete(key);
      }
    }
    if (nodes.log.lastElementChild !== nodes.typing) nodes.log.append(nodes.typing);
  }

  private renderQuickReplies(choices: readonly Choice[]): void {
    const quick = this.nodes?.quick;
    if (!quick) return;
    const signature = JSON.stringify(choices);
    if (quick.dataset.s === signature) return;
    quick.dataset.s = signature;
    quick.replaceChildren(
      ...choices.map((choice) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = choice.label;
        button.addEventListener('click', () => this.choose(choice));
        return button;
      }),
    );
    quick.hidden = choices.length === 0;
  }
}
