// Twilio Programmable Voice emulator: plays a caller through Fio's TwiML (greeting, Gather, replies
// pushed with the Calls API) and answers the Calls API like Twilio. Written from Twilio's docs alone.
export { createTwilioVoiceEmulator, type TwilioVoiceEmulator, type TwilioVoiceEmulatorOptions } from './twilio-voice-emulator.ts';
export type { EmulatedCall } from './call-simulator.ts';
export { parseXml, textContent, childElements, XmlParseError, type XmlElement, type XmlNode } from './parse-xml.ts';
export { signTwilioRequest } from './sign-twilio-request.ts';
