/** Which media Fio keeps: a size limit and an allow-list of MIME types (`image/*` wildcards). */
export interface MediaPolicy {
  maxBytes: number;
  allowedTypes: string[];
}

export type MediaCheck = { ok: true } | { ok: false; reason: string };

export function checkMedia(policy: MediaPolicy, mimeType: string, sizeBytes: number): MediaCheck {
  if (sizeBytes > policy.maxBytes) return { ok: false, reason: `file of ${sizeBytes} bytes is over the ${policy.maxBytes}-byte limit` };
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const allowed = policy.allowedTypes.some((pattern) => (pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern));
  return allowed ? { ok: true } : { ok: false, reason: `files of type ${type || 'unknown'} are not accepted` };
}
