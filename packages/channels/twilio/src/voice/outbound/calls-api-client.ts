import { ChannelError } from '@fio/channel-kit';
import { createTwilioRestClient, type TwilioRestClientOptions } from '../../shared/twilio-rest-client.ts';

/** Twilio caps inline TwiML on a Calls request at 4,000 characters (error 32018). */
export const maxInlineTwimlLength = 4000;

export interface UpdateCallInput extends TwilioRestClientOptions {
  callSid: string;
  twiml: string;
}

/**
 * Replaces the TwiML of a live call: `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`
 * with `Twiml`. Thin: errors are Twilio's REST errors as coded ChannelErrors, and a call that is no
 * longer in progress (21220: the caller hung up) is unreachable, not a malformed request.
 * Resolves the Call SID Twilio answered with.
 */
export async function updateCall(input: UpdateCallInput): Promise<string> {
  if (input.twiml.length > maxInlineTwimlLength) {
    throw new ChannelError({
      code: 'unsupported_content',
      message: `the reply's TwiML is ${input.twiml.length} characters; Twilio accepts at most ${maxInlineTwimlLength} inline`,
      retryable: false,
    });
  }
  const client = createTwilioRestClient(input);
  let answer: unknown;
  try {
    answer = await client.postForm(client.accountPath(`Calls/${encodeURIComponent(input.callSid)}.json`), { Twiml: input.twiml });
  } catch (error) {
    throw callError(error);
  }
  const sid = typeof answer === 'object' && answer !== null && 'sid' in answer && typeof answer.sid === 'string' ? answer.sid : '';
  return sid !== '' ? sid : input.callSid;
}

function callError(error: unknown): unknown {
  if (!(error instanceof ChannelError) || error.providerCode !== '21220') return error;
  return new ChannelError({
    code: 'recipient_unreachable',
    message: `the call has ended, so the reply could not be spoken (${error.message})`,
    retryable: false,
    providerCode: error.providerCode,
    cause: error,
  });
}
