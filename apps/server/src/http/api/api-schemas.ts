import { z } from 'zod';
import { apiErrorSchema } from '@fio/contracts';

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const idParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  404: apiErrorSchema,
  429: apiErrorSchema,
  500: apiErrorSchema,
} as const;
