import { createHash } from 'node:crypto';

/** The Bot API's limit on a callback button's data: 1-64 bytes. */
export const maxCallbackDataBytes = 64;

// Marks data that is a digest of an id too long to travel (ids never start with it as sent verbatim).
const digestMarker = '~';

/**
 * The callback_data for an option id. Ids that fit are sent as they are, so the press names the option
 * itself; longer ones become a digest: the press is then recognised by the button's label, which the
 * callback query carries back with the keyboard.
 */
export function toCallbackData(optionId: string): string {
  if (!optionId.startsWith(digestMarker) && Buffer.byteLength(optionId, 'utf8') <= maxCallbackDataBytes) return optionId;
  return `${digestMarker}${createHash('sha256').update(optionId, 'utf8').digest('base64url')}`;
}

/** The option id a press carried, or undefined when the data is a digest (not reversible). */
export function optionIdFromCallbackData(data: string): string | undefined {
  return data.startsWith(digestMarker) || data === '' ? undefined : data;
}
