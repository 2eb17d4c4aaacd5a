import type { SegmentRefresher } from '../segments/segment-refresher.ts';

/** What merge, unmerge and suggestions need from the app: PipelineDeps satisfies it. */
export interface MergeDeps {
  segments: SegmentRefresher;
}

/** Expected refusals of a merge or unmerge; the HTTP layer maps each code to a status. */
export type MergeErrorCode =
  | 'contact_not_found'
  | 'merge_not_found'
  | 'suggestion_not_found'
  | 'suggestion_not_open'
  | 'contact_already_merged'
  | 'cannot_merge_self'
  | 'unmerge_blocked'
  | 'merge_already_undone';

export class MergeError extends Error {
  override readonly name = 'MergeError';
  readonly code: MergeErrorCode;
  constructor(code: MergeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
