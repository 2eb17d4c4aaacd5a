import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode, errorCatalog } from './app-error.ts';

/** The one place where errors become HTTP responses `{code, message, correlationId}`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { code, message, details } = classify(err);
    const status = errorCatalog[code].status;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code, msg: message }, 'request rejected');
    if (code === 'rate_limited' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    void reply.status(status).send({ code, message, correlationId: req.id, ...(details === undefined ? {} : { details }) });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send({ code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0] ?? ''}`, correlationId: req.id });
  });
}

function classify(err: FastifyError): { code: ErrorCode; message: string; details?: unknown } {
  if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
  if (err.validation) {
    const details = err.validation.map((v) => ({ field: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message }));
    return {
      code: 'validation_failed',
      message: `invalid ${err.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message ?? ''}`).join('; ')}`,
      details,
    };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large', message: 'request body is larger than this route accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'unsupported Content-Type; send application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'invalid_json', message: 'the JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_json', message: 'the body is not valid JSON' };
    case 'FST_ERR_VALIDATION':
      return { code: 'validation_failed', message: err.message };
    default:
      break;
  }
  if (err.statusCode === 429) return { code: 'rate_limited', message: 'too many requests, slow down' };
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message)))
    return { code: 'invalid_json', message: 'the body is not valid JSON' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { code: 'bad_request', message: err.message };
  return { code: 'internal_error', message: 'internal error' };
}
