import type { WidgetIdentity } from '@fio/contracts';

/**
 * Entry of dist/widget.js, the URL customers paste into their sites. Why a loader and a second
 * file rather than one bundle: this URL never changes, so it must be served with a short cache,
 * while the element it injects carries a content version (?v=) and can be cached for a year.
 * The loader is ~1 KB: it reads its <script> tag, places <fio-chat>, installs window.FioChat
 * (usable before the element has loaded) and injects the element as a classic script, which
 * unlike import() needs no CORS headers from the Fio server. It defines no other global.
 */
declare const __FIO_ELEMENT_VERSION__: string;

export interface FioChatApi {
  /** Signed identity of the host's logged-in customer; triggers a new hello. */
  identify(identity: WidgetIdentity): void;
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    FioChat?: FioChatApi;
  }
}

const USER_ATTRIBUTES = [
  ['userId', 'user-id'],
  ['email', 'user-email'],
  ['phone', 'user-phone'],
  ['name', 'user-name'],
  ['signature', 'user-signature'],
] as const;

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const found = document.querySelector('script[data-connection][src*="widget.js"]');
  return found instanceof HTMLScriptElement ? found : null;
}

function setIdentityAttributes(element: HTMLElement, identity: Partial<WidgetIdentity>): void {
  for (const [field, attribute] of USER_ATTRIBUTES) {
    const value = identity[field];
    if (value) element.setAttribute(attribute, value);
    else element.removeAttribute(attribute);
  }
}

function startLoader(): void {
  const script = findOwnScript();
  if (!script || window.FioChat) return;
  const data = script.dataset;
  if (!data.connection) {
    console.warn('[fio-chat] the widget script needs data-connection');
    return;
  }
  const origin = new URL(script.src, location.href).origin;
  const element = document.createElement('fio-chat');
  element.setAttribute('connection', data.connection);
  element.setAttribute('server', origin);
  if (data.locale) element.setAttribute('locale', data.locale);
  if (data.userSignature) {
    setIdentityAttributes(element, {
      userId: data.userId,
      email: data.userEmail,
      phone: data.userPhone,
      name: data.userName,
      signature: data.userSignature,
    });
  }
  window.FioChat = {
    identify: (identity) => setIdentityAttributes(element, identity),
    open: () => element.setAttribute('open', ''),
    close: () => element.removeAttribute('open'),
  };
  const mount = (): void => {
    document.body.append(element);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
  if (customElements.get('fio-chat')) return;
  const elementScript = document.createElement('script');
  elementScript.src = `${origin}/widget/fio-chat.js?v=${__FIO_ELEMENT_VERSION__}`;
  elementScript.async = true;
  // Pages with a nonce-based CSP allowed this script by its nonce; the injected one needs it too.
  if (script.nonce) elementScript.nonce = script.nonce;
  document.head.append(elementScript);
}

startLoader();
