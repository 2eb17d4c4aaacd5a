import { mediaContentSchema, type MediaContent } from '@fio/contracts';
import { ApiFailure } from '../api/client.ts';

/**
 * Uploads one file for a reply: the raw bytes with their type and name (the server stores it as
 * media) and answers the media content to send. Not through api.upload: the body is the file
 * itself, not a form, so large files are not buffered twice.
 */
export async function uploadAttachment(conversationId: string, file: File, csrfToken: string): Promise<MediaContent> {
  const res = await fetch(`/api/v1/conversations/${encodeURIComponent(conversationId)}/attachments`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': file.type || 'application/octet-stream',
      'x-filename': encodeURIComponent(file.name),
      'x-csrf-token': csrfToken,
    },
    body: file,
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = typeof json === 'object' && json !== null ? json : {};
    const code = 'code' in err && typeof err.code === 'string' ? err.code : 'http_error';
    const message = 'message' in err && typeof err.message === 'string' ? err.message : res.statusText;
    throw new ApiFailure(res.status, code, message);
  }
  // The answer is checked like any input from outside: it becomes a message the agent sends.
  const parsed = typeof json === 'object' && json !== null && 'content' in json ? mediaContentSchema.safeParse(json.content) : null;
  if (parsed?.success) return parsed.data;
  throw new ApiFailure(res.status, 'bad_response', 'the upload answered no content');
}
