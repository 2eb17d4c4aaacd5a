import { canSeeConversation } from '../../http/conversation-access.ts';
import type { Principal } from '../../http/auth.ts';
import type { Audience } from './live-feed.ts';

export type Viewer = Pick<Principal, 'role' | 'userId' | 'teamIds'>;

/** Whether a frame with this audience goes to this signed-in person (live and on replay alike). */
export function mayReceive(viewer: Viewer, audience: Audience): boolean {
  switch (audience.kind) {
    case 'workspace':
      return true;
    case 'conversation':
      if (audience.exceptUserId && audience.exceptUserId === viewer.userId) return false;
      if (audience.onlyUserIds && !(viewer.userId && audience.onlyUserIds.includes(viewer.userId))) return false;
      return canSeeConversation(viewer, audience, audience.restrictedTeamIds);
    case 'lost_sight':
      if (canSeeConversation(viewer, audience.now, audience.restrictedTeamIds)) return false;
      // Unknown before (the row was not in the cache): anyone who cannot see it now may have had it.
      return audience.before === null || canSeeConversation(viewer, audience.before, audience.restrictedTeamIds);
  }
}
