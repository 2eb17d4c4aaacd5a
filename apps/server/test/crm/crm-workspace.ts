import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';

export const crmSecrets = { acme: 'acme-crm-signing-secret-0123456789', other: 'other-crm-signing-secret-0123456789' };
export const apiChannelSecret = 'crm-test-api-channel-secret-0123456789';

/**
 * The demo workspace (its contact fields: city, plan, birthday...) with the API channel and three
 * integrations: `acme-crm` (both ways, one field per conflict rule), `other-crm` (another subscriber
 * that must hear what acme changed), and `intranet-crm` whose URL is private and not allowed (SSRF).
 * Loopback is allowed, as a workspace would list its intranet.
 */
export function writeCrmWorkspace(urls: { acme: string; other: string; callback: string }): string {
  return writeDemoWorkspaceWith(
    'fio-crm-',
    `
  - id: demo-api
    type: api
    name: App
    config:
      callbackUrl: '${urls.callback}'
    secrets:
      signingSecret: '${apiChannelSecret}'
http:
  allowPrivate: ['127.0.0.1']
integrations:
  - id: acme-crm
    name: Acme CRM
    webhook:
      url: '${urls.acme}'
      secret: '${crmSecrets.acme}'
    fields:
      - { crm: full_name, fio: displayName, conflict: crm_wins }
      - { crm: email, fio: email, conflict: fio_wins }
      - { crm: mobile, fio: phone, conflict: fio_wins, direction: in }
      - { crm: city, fio: attributes.city, conflict: newest_wins }
      - { crm: plan, fio: attributes.plan, conflict: crm_wins }
      - { crm: opt_in, fio: attributes.marketing_opt_in, direction: out }
  - id: other-crm
    name: Other CRM
    webhook:
      url: '${urls.other}'
      secret: '${crmSecrets.other}'
      events: [contact.created, contact.updated]
    fields:
      - { crm: Name, fio: displayName }
      - { crm: City, fio: attributes.city }
  - id: intranet-crm
    name: Intranet CRM
    webhook:
      url: 'http://192.168.77.10/hooks'
      secret: 'intranet-crm-secret-0123456789'
      events: [contact.created]
`,
  );
}
