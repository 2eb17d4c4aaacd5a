import type { Transact } from '../../storage/index.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import type { SegmentRefresher } from '../segments/segment-refresher.ts';

/** What the profile writers need: the workspace's contact fields, and the segment refresh every write calls. */
export interface ProfileDeps {
  segments: SegmentRefresher;
  workspaces: WorkspaceRegistry;
}

/** The API's writers also open their own transactions (one per business event, one per import chunk). */
export interface ProfileWriterDeps extends ProfileDeps {
  transact: Transact;
  /** Where an unexpected failure of one item goes (the caller sees only a coded error). */
  log?: { error: (details: object, message: string) => void };
}

/** One problem with one input field: `attributes.city`, `email`, `tags`... */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** For `identity_taken`: the contact that holds the e-mail or phone. */
  contactId?: string;
}
