/** Largest provider payload kept beside a message; bigger ones keep their start and say so. */
export const maxRawPayloadChars = 256 * 1024;

/** Serialises the provider's payload for storage, capped so one odd message cannot bloat the table. */
export function keepRawPayload(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  let json: string;
  try {
    json = JSON.stringify(raw);
  } catch {
    return null;
  }
  if (json.length <= maxRawPayloadChars) return json;
  return JSON.stringify({ truncated: true, originalChars: json.length, start: json.slice(0, maxRawPayloadChars - 200) });
}
