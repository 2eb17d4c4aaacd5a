import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseMessagingType, mapGraphError } from '../src/index.ts';
import { ChannelError } from '@fio/channel-kit';

const now = new Date('2026-03-02T12:00:00Z');
const graph = (code: number, message: string, subcode?: number) =>
  JSON.stringify({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbC' } });

describe('mapGraphError', () => {
  const cases: [string, number, string, string, boolean, string | undefined][] = [
    [
      'outside the 24-hour window',
      400,
      graph(10, '(#10) This message is sent outside of allowed window.', 2018278),
      'outside_reply_window',
      false,
      '10/2018278',
    ],
    [
      'Instagram outside the window',
      400,
      graph(10, '(#10) This message is sent outside of allowed window.', 2534022),
      'outside_reply_window',
      false,
      '10/2534022',
    ],
    ['an invalid token', 400, graph(190, 'Invalid OAuth access token.'), 'unauthorized', false, '190'],
    ['a missing permission', 403, graph(200, '(#200) Requires pages_messaging permission'), 'unauthorized', false, '200'],
    [
      'a permission the app lacks',
      400,
      graph(10, '(#10) Application does not have permission for this action'),
      'unauthorized',
      false,
      '10',
    ],
    ['the app rate limit', 400, graph(4, '(#4) Application request limit reached'), 'rate_limited', true, '4'],
    ['the page rate limit', 400, graph(32, '(#32) Page request limit reached'), 'rate_limited', true, '32'],
    ['the custom rate limit', 400, graph(613, '(#613) Calls to this api have exceeded the rate limit.'), 'rate_limited', true, '613'],
    [
      'a temporary send failure',
      500,
      graph(1200, 'Temporary send message failure. Please try again later'),
      'provider_unavailable',
      true,
      '1200',
    ],
    [
      'an unexpected error',
      400,
      graph(2, 'An unexpected error has occurred. Please retry your request later.'),
      'provider_unavailable',
      true,
      '2',
    ],
    ['an unavailable person', 400, graph(551, "(#551) This person isn't available right now."), 'recipient_unreachable', false, '551'],
    ['an unknown recipient', 400, graph(100, '(#100) No matching user found', 2018001), 'recipient_unreachable', false, '100/2018001'],
    [
      'an invalid parameter',
      400,
      graph(100, '(#100) Param message[text] must be a non-empty UTF-8 encoded string'),
      'rejected',
      false,
      '100',
    ],
    ['an HTML 502 from a proxy', 502, '<html>bad gateway</html>', 'provider_unavailable', true, undefined],
    ['a bare 429', 429, '', 'rate_limited', true, undefined],
  ];
  for (const [name, status, body, code, retryable, providerCode] of cases) {
    test(`maps ${name} to ${code}`, () => {
      const error = mapGraphError(status, body, null, now);
      assert.ok(error instanceof ChannelError);
      assert.deepEqual([error.code, error.retryable, error.providerCode], [code, retryable, providerCode]);
      if (providerCode) assert.match(error.message, new RegExp(`^Meta Graph error ${providerCode}: `));
    });
  }

  test('honours Retry-After when Graph sends one, and waits 30 s on a throttle without it', () => {
    assert.equal(mapGraphError(400, graph(4, 'limit'), '12', now).retryAfterMs, 12_000);
    assert.equal(mapGraphError(400, graph(32, 'limit'), null, now).retryAfterMs, 30_000);
  });
});

describe('chooseMessagingType', () => {
  const base = { now, replyWindowHours: 24, humanAgentReplyWindowHours: 168, product: 'Messenger' } as const;
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

  test('answers RESPONSE within 24 hours whoever writes, and when the last inbound time is unknown', () => {
    assert.deepEqual(chooseMessagingType({ ...base, lastInboundAt: hoursAgo(23.9), author: 'bot' }), { messaging_type: 'RESPONSE' });
    assert.deepEqual(chooseMessagingType({ ...base, lastInboundAt: hoursAgo(1), author: 'agent' }), { messaging_type: 'RESPONSE' });
    assert.deepEqual(chooseMessagingType({ ...base, lastInboundAt: undefined, author: 'bot' }), { messaging_type: 'RESPONSE' });
  });

  test("tags a person's reply HUMAN_AGENT from 24 hours to 7 days, and refuses the bot's and anything later", () => {
    assert.deepEqual(chooseMessagingType({ ...base, lastInboundAt: hoursAgo(24.1), author: 'agent' }), {
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
    });
    assert.deepEqual(chooseMessagingType({ ...base, lastInboundAt: hoursAgo(167.9), author: 'agent' }).messaging_type, 'MESSAGE_TAG');
    for (const [hours, author] of [
      [24.1, 'bot'],
      [24.1, 'system'],
      [168.1, 'agent'],
    ] as const) {
      assert.throws(
        () => chooseMessagingType({ ...base, lastInboundAt: hoursAgo(hours), author }),
        (error: unknown) => error instanceof ChannelError && error.code === 'outside_reply_window' && !error.retryable,
      );
    }
    assert.throws(() => chooseMessagingType({ ...base, lastInboundAt: null, author: 'agent' }), /has not written on this connection/);
  });
});
