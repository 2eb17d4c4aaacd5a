import type { ClientMessageFrame, IdentityClaim, InboundMessageEvent } from '@fio/contracts';

/** What the gateway knows about a widget socket after its hello (identity already verified). */
export interface WidgetSession {
  visitorId: string;
  /** Claims from verifyWidgetIdentity. */
  verifiedClaims: IdentityClaim[];
  locale?: string | undefined;
  displayName?: string | undefined;
}

/**
 * A widget `message` frame → the canonical inbound event. Pure. The visitor id is the address
 * replies go to; the client message id, scoped by visitor, is the dedupe key (resends never duplicate).
 */
export function frameToInboundEvent(frame: ClientMessageFrame, session: WidgetSession): InboundMessageEvent {
  const { text, payload } = frame.content;
  return {
    type: 'message',
    providerMessageId: `${session.visitorId}:${frame.clientMessageId}`,
    sender: {
      address: session.visitorId,
      ...(session.displayName ? { displayName: session.displayName.slice(0, 256) } : {}),
      ...(session.locale ? { locale: session.locale.slice(0, 16) } : {}),
      // The visitor id comes from the browser's storage: anyone can claim it, so it is never verified.
      identities: [{ kind: 'webchat_visitor', value: session.visitorId, verified: false }, ...session.verifiedClaims.slice(0, 9)],
    },
    content: payload === undefined ? { kind: 'text', text } : { kind: 'text', text, payload },
  };
}
