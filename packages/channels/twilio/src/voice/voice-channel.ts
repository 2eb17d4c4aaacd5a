import { defineChannel } from '@fio/channel-kit';
import { voiceDefinition } from './definition.ts';
import { acknowledge } from './inbound/acknowledge.ts';
import { toInboundEvents } from './inbound/to-inbound-events.ts';
import { verifySignature } from './inbound/verify-signature.ts';
import { sendMessage } from './outbound/send-message.ts';

/** Voice IVR over TwiML webhooks: speech and keypad in, spoken replies through the Calls API out. */
export const voiceChannel = defineChannel({
  definition: voiceDefinition,
  webhook: { verifyRequest: verifySignature, toInboundEvents, acknowledge },
  sendMessage,
});
