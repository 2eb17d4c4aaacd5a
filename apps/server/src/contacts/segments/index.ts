// Segments: definitions (segments.yaml and the API), incremental membership of contacts, and the
// timers that flip time conditions. Reads contact facts; never writes a contact's own fields.
export type { ContactFactKind, SegmentRefresher } from './segment-refresher.ts';
export { createSegmentService } from './create-segment-service.ts';
export type { SegmentPreview, SegmentService, SegmentServiceDeps } from './create-segment-service.ts';
export { runSegmentJob } from './run-segment-job.ts';
export type { SegmentJobDeps } from './run-segment-job.ts';
export { parseDuration, segmentConditionSchema, segmentDefinitionSchema, segmentsFileSchema } from './segment-definition.ts';
export type { CountBounds, SegmentCondition, SegmentDefinition } from './segment-definition.ts';
export { createSegmentRepository } from './segment.repository.ts';
export type { SegmentRepository, SegmentSource, StoredSegment } from './segment.repository.ts';
export { checkSegmentDefinitions } from './check-segment-definitions.ts';
export type { SegmentIssue, SegmentWorkspaceFacts } from './check-segment-definitions.ts';
