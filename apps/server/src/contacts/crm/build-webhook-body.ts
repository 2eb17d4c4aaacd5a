import type { ContactView } from '@fio/contracts';
import type { Integration } from '../../workspace/workspace.schema.ts';
import type { Contact } from '../contact.repository.ts';
import { crmNamesOf, mapFieldsToCrm } from './map-fields-to-crm.ts';
import type { OutboxPayload } from './write-webhook-outbox.ts';

/** One outbox row, read back for the fan-out. */
export interface OutboxEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  contactId: string | null;
  conversationId: string | null;
  stored: OutboxPayload;
}

export interface WebhookContact {
  contact: Contact;
  view: ContactView;
}

/**
 * The JSON body of one event for one integration (or for a plain subscriber, `integration` null):
 * `{ id, type, occurredAt, workspace, data }`. Contact events carry the contact with this integration's
 * `externalId` and its `fields` under the CRM's names; updates say what changed; the other events carry
 * their ids and payload and the contact. Serialised once: retries and replays send these same bytes.
 */
export function buildWebhookBody(
  event: OutboxEvent,
  workspace: { id: string; slug: string },
  contact: WebhookContact | null,
  integration: Integration | null,
): string {
  const data: Record<string, unknown> = {};
  if (contact) {
    data['contact'] = {
      ...contact.view,
      externalId: integration ? externalIdOf(contact.view, integration.id) : null,
      fields: integration ? mapFieldsToCrm(contact.contact, integration) : {},
    };
  }
  if (event.conversationId) data['conversationId'] = event.conversationId;
  if (event.type === 'contact.updated') {
    const paths = changedPaths(event.stored);
    data['changes'] = { fio: paths, crm: integration ? crmNamesOf(paths, integration) : [] };
    const source = event.stored.payload['source'];
    if (typeof source === 'string') data['source'] = source;
  } else if (event.type !== 'contact.created') {
    data['payload'] = event.stored.payload;
  }
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    workspace: { id: workspace.id, slug: workspace.slug },
    data,
  });
}

/** The CRM's own id of the contact: its `external` identity `<integrationId>:<crmId>`, without the prefix. */
export function externalIdOf(view: Pick<ContactView, 'identities'>, integrationId: string): string | null {
  const prefix = `${integrationId}:`;
  const identity = view.identities.find((i) => i.kind === 'external' && i.value.startsWith(prefix));
  return identity ? identity.value.slice(prefix.length) : null;
}

/** The Fio paths a contact change touched, whichever domain event described it. */
function changedPaths(stored: OutboxPayload): string[] {
  const { payload } = stored;
  switch (stored.domainType) {
    case 'contact.attributes_set': {
      const attributes = payload['attributes'];
      return typeof attributes === 'object' && attributes !== null ? Object.keys(attributes).map((k) => `attributes.${k}`) : [];
    }
    case 'contact.identity_added':
      return ['identities'];
    default: {
      const fields = payload['fields'];
      return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
    }
  }
}
