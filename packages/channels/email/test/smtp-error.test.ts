import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelErrorFromSmtp } from '../src/outbound/smtp-error.ts';

/** Errors shaped as nodemailer raises them (code, responseCode, response, command). */
function smtpFailure(fields: { code?: string; responseCode?: number; response?: string; command?: string }, message = 'failed'): Error {
  return Object.assign(new Error(message), fields);
}

test('maps SMTP replies and socket failures to coded channel errors', () => {
  const cases: [Error, string, boolean, string | undefined][] = [
    [
      smtpFailure({ code: 'EMESSAGE', responseCode: 421, response: '421 4.3.2 Service shutting down', command: 'DATA' }),
      'provider_unavailable',
      true,
      '421',
    ],
    [
      smtpFailure({ code: 'EENVELOPE', responseCode: 452, response: '452 4.2.2 Mailbox full', command: 'RCPT TO' }),
      'provider_unavailable',
      true,
      '452',
    ],
    [
      smtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }),
      'recipient_unreachable',
      false,
      '550',
    ],
    [
      smtpFailure({
        code: 'EMESSAGE',
        responseCode: 550,
        response: '550 Requested action not taken: mailbox unavailable',
        command: 'DATA',
      }),
      'recipient_unreachable',
      false,
      '550',
    ],
    [
      smtpFailure({ code: 'EMESSAGE', responseCode: 552, response: '552 5.3.4 Message size exceeds fixed limit', command: 'DATA' }),
      'rejected',
      false,
      '552',
    ],
    [
      smtpFailure({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Spam message rejected', command: 'DATA' }),
      'rejected',
      false,
      '554',
    ],
    [
      smtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed', command: 'AUTH PLAIN' }),
      'unauthorized',
      false,
      '535',
    ],
    [smtpFailure({ code: 'ETIMEDOUT' }, 'Greeting never received'), 'timeout', true, 'ETIMEDOUT'],
    [smtpFailure({ code: 'ECONNECTION' }, 'connect ECONNREFUSED 127.0.0.1:587'), 'network_error', true, 'ECONNECTION'],
    [smtpFailure({ code: 'EDNS' }, 'getaddrinfo ENOTFOUND smtp.example'), 'network_error', true, 'EDNS'],
  ];
  for (const [error, code, retryable, providerCode] of cases) {
    const mapped = channelErrorFromSmtp(error);
    assert.deepEqual([mapped.code, mapped.retryable, mapped.providerCode], [code, retryable, providerCode], error.message);
    assert.equal(mapped.cause, error);
  }
});

test("keeps the relay's reply in the message agents see", () => {
  const mapped = channelErrorFromSmtp(
    smtpFailure({ responseCode: 550, response: '550 5.1.1 <ana@x.example>: Recipient address rejected', command: 'RCPT TO' }),
  );
  assert.equal(mapped.message, 'SMTP RCPT TO failed: 550 5.1.1 <ana@x.example>: Recipient address rejected');
});
