import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundEvent } from '@fio/contracts';
import { smsChannel } from '../src/sms/index.ts';
import { accountSid, buildSignedRequest, buildSmsConnection, smsParams, statusParams } from './fixtures/build-sms-request.ts';

const ctx = buildSmsConnection();
const webhook = smsChannel.webhook!;
const parse = (params: [string, string][]) => webhook.toInboundEvents(buildSignedRequest(params), ctx);
const events = (params: [string, string][]): InboundEvent[] => {
  const result = parse(params);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.events;
};
const whatsapp = (overrides: Record<string, string>, extra: [string, string][] = []) =>
  smsParams({ To: 'whatsapp:+5511940001234', From: 'whatsapp:+5511987654321', ...overrides }, extra);

describe('sms toInboundEvents (Twilio form webhooks)', () => {
  test('keeps the STOP/PARAR text as is: the server reads opt-out keywords', () => {
    const [event] = events(smsParams({ Body: 'PARAR' }, [['OptOutType', 'STOP']]));
    assert.deepEqual(event?.type === 'message' && event.content, { kind: 'text', text: 'PARAR' });
  });

  test('a WhatsApp quick-reply button gives its text and payload', () => {
    const [event] = events(
      whatsapp({ Body: 'Sim, confirmar' }, [
        ['ButtonText', 'Sim, confirmar'],
        ['ButtonPayload', 'confirm_order_4521'],
        ['MessageType', 'button'],
      ]),
    );
    assert.deepEqual(event?.type === 'message' && event.content, { kind: 'text', text: 'Sim, confirmar', payload: 'confirm_order_4521' });
  });

  test('a WhatsApp list pick gives the row title and id', () => {
    const [event] = events(
      whatsapp({ Body: '' }, [
        ['ListId', 'track_order'],
        ['ListTitle', 'Rastrear pedido'],
        ['MessageType', 'interactive'],
      ]),
    );
    assert.deepEqual(event?.type === 'message' && event.content, { kind: 'text', text: 'Rastrear pedido', payload: 'track_order' });
  });

  test('a shared WhatsApp location becomes location content', () => {
    const [event] = events(
      whatsapp({ Body: '' }, [
        ['Latitude', '-23.561414'],
        ['Longitude', '-46.655881'],
        ['Address', 'Av. Paulista, 1578 - Bela Vista, São Paulo'],
        ['Label', 'MASP'],
        ['MessageType', 'location'],
      ]),
    );
    assert.deepEqual(event?.type === 'message' && event.content, {
      kind: 'location',
      latitude: -23.561414,
      longitude: -46.655881,
      name: 'MASP',
      address: 'Av. Paulista, 1578 - Bela Vista, São Paulo',
    });
  });

  test('a reply to an earlier message names it', () => {
    const [event] = events(whatsapp({ Body: 'esse mesmo' }, [['OriginalRepliedMessageSid', 'SM11112222333344445555666677778888']]));
    assert.equal(event?.type === 'message' && event.replyToProviderMessageId, 'SM11112222333344445555666677778888');
  });

  test('media types come from MediaContentTypeN: audio, video and documents', () => {
    const list = events(
      smsParams({ NumMedia: '3', Body: '' }, [
        ['MediaContentType0', 'audio/ogg'],
        ['MediaUrl0', 'https://api.twilio.com/m/ME1'],
        ['MediaContentType1', 'video/mp4'],
        ['MediaUrl1', 'https://api.twilio.com/m/ME2'],
        ['MediaContentType2', 'application/pdf'],
        ['MediaUrl2', 'https://api.twilio.com/m/ME3'],
      ]),
    );
    assert.deepEqual(
      list.map((e) =>
        e.type === 'message' && e.content.kind === 'media' ? [e.content.mediaType, e.content.mimeType, e.content.caption] : null,
      ),
      [
        ['audio', 'audio/ogg', undefined],
        ['video', 'video/mp4', undefined],
        ['file', 'application/pdf', undefined],
      ],
    );
  });

  test('an unknown WhatsApp kind without text is kept as a placeholder with the raw form', () => {
    const [event] = events(whatsapp({ Body: '' }, [['MessageType', 'sticker']]));
    assert.ok(event?.type === 'message');
    assert.deepEqual(event.content, { kind: 'unsupported', placeholder: '[sticker]', providerKind: 'sticker' });
    assert.equal((event.raw as Record<string, string>)['MessageType'], 'sticker');
  });

  test('an empty SMS is kept as a placeholder', () => {
    const [event] = events(smsParams({ Body: '' }));
    assert.deepEqual(event?.type === 'message' && event.content, {
      kind: 'unsupported',
      placeholder: '[empty message]',
      providerKind: 'empty',
    });
  });

  test('queued and sending callbacks move nothing forward; undelivered is failed with its code', () => {
    assert.deepEqual(events(statusParams('queued')), []);
    assert.deepEqual(events(statusParams('sending')), []);
    assert.deepEqual(
      events(
        statusParams('undelivered', [
          ['ErrorCode', '30007'],
          ['ErrorMessage', 'Carrier violation'],
        ]),
      ),
      [
        {
          type: 'status',
          providerMessageId: 'SMaaaabbbbccccddddeeeeffff00001111',
          status: 'failed',
          error: { code: '30007', message: 'Twilio undelivered: Carrier violation' },
        },
      ],
    );
    assert.deepEqual(events(statusParams('failed')), [
      {
        type: 'status',
        providerMessageId: 'SMaaaabbbbccccddddeeeeffff00001111',
        status: 'failed',
        error: { code: 'failed', message: 'Twilio reported the message failed without an error code' },
      },
    ]);
  });

  for (const [name, params, reason] of [
    ['no From', smsParams().filter(([k]) => k !== 'From'), /no From/],
    ['a From that is not a phone', smsParams({ From: 'hello' }), /not an E.164 number/],
    ['another account', smsParams({ AccountSid: 'AC' + '9'.repeat(32) }), /another Twilio account/],
    ['disagreeing SIDs', smsParams({ SmsSid: 'SM' + '1'.repeat(32) }), /disagree/],
    ['NumMedia of 11', smsParams({ NumMedia: '11' }), /NumMedia/],
    ['AccountSid without ApiVersion', smsParams().filter(([k]) => k !== 'ApiVersion'), /cut short/],
    ['a toString status', statusParams('constructor'), /unknown message status/],
  ] as const) {
    test(`refuses ${name} with a readable reason`, () => {
      const result = parse([...params]);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, reason);
    });
  }

  test('refuses a JSON body and a broken escape', () => {
    const request = buildSignedRequest(smsParams());
    const json = webhook.toInboundEvents({ ...request, headers: { ...request.headers, 'content-type': 'application/json' } }, ctx);
    assert.deepEqual(json, { ok: false, reason: 'expected a form-encoded body, got content-type "application/json"' });
    const broken = webhook.toInboundEvents({ ...request, rawBody: Buffer.from(`MessageSid=SM1&From=%2&AccountSid=${accountSid}`) }, ctx);
    assert.equal(broken.ok, false);
  });

  test('acknowledges with the empty TwiML Twilio expects', () => {
    const request = buildSignedRequest(smsParams());
    const result = webhook.toInboundEvents(request, ctx);
    assert.ok(result.ok);
    assert.deepEqual(webhook.acknowledge?.(result.events, request, ctx), {
      status: 200,
      contentType: 'text/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
  });

  test('verifies the signature over the public URL with the query string', () => {
    const url = 'https://fio.example.com/webhooks/sms/loja-sms?source=console';
    const request = buildSignedRequest(smsParams(), { url });
    assert.deepEqual(webhook.verifyRequest(request, ctx), { ok: true });
    assert.deepEqual(webhook.verifyRequest({ ...request, url: 'https://fio.example.com/webhooks/sms/loja-sms' }, ctx), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(webhook.verifyRequest(request, { ...ctx, secrets: { authToken: '' } }), { ok: false, reason: 'missing_secret' });
  });
});
