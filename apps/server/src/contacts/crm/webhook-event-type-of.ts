import type { DomainEventType } from '../../events/event-log.ts';
import type { WebhookEventType } from '../../workspace/workspace.schema.ts';

/**
 * The domain events subscribers hear about, under their public names: several internal kinds of
 * contact change are one `contact.updated` to a CRM, which cares that the record changed, not how.
 */
const webhookTypeByDomainType: Partial<Record<DomainEventType, WebhookEventType>> = {
  'contact.created': 'contact.created',
  'contact.updated': 'contact.updated',
  'contact.attributes_set': 'contact.updated',
  'contact.identity_added': 'contact.updated',
  'contact.merged': 'contact.merged',
  'contact.unmerged': 'contact.unmerged',
  'conversation.resolved': 'conversation.resolved',
  'handoff.requested': 'handoff.requested',
  'lead.captured': 'lead.captured',
  'segment.entered': 'segment.entered',
  'segment.left': 'segment.left',
};

/** The webhook event a domain event becomes, or null when subscribers never see it. */
export function webhookEventTypeOf(type: DomainEventType): WebhookEventType | null {
  return webhookTypeByDomainType[type] ?? null;
}
