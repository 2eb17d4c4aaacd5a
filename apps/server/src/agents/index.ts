// People of a workspace: users and their roles, sign-in and sessions, invites and password resets,
// teams, and the system e-mail that carries links. It never decides who sees a conversation
// (http/conversation-access.ts does) nor who gets one (handoff/ routes them).
export type { AgentDeps } from './agent-deps.ts';
export { createSessionCache, type SessionCache } from './session-cache.ts';
export { readSessionPrincipal } from './read-session-principal.ts';
export { readSessionToken, sessionCookieName, sessionCookieOptions, type SessionCookieSettings } from './session-cookie.ts';
export { createSession, loadSession, revokeSession, revokeUserSessions, toRole, touchSession } from './session.repository.ts';
export { signIn, maxFailedSignIns, lockoutMs, type SignedIn } from './sign-in.ts';
export { buildMeView } from './me-view.ts';
export { inviteUser } from './invite-user.ts';
export { acceptInvite } from './accept-invite.ts';
export { requestPasswordReset } from './request-password-reset.ts';
export { confirmPasswordReset } from './confirm-password-reset.ts';
export { updateUser, type UserPatch } from './update-user.ts';
export { updateMe } from './update-me.ts';
export { getUserView, loadUserViews } from './user-view.ts';
export { checkPasswordPolicy, minPasswordLength } from './password-policy.ts';
export {
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  requireTeam,
  setTeamMembers,
  setUserTeams,
  updateTeam,
  type TeamInput,
} from './team.repository.ts';
export { syncFileTeams } from './sync-file-teams.ts';
export { createMailTransport, type MailTransport } from './mail-transport.ts';
export { sendSystemMail, type SystemMailDeps } from './send-system-mail.ts';
export { inviteTtlMs, passwordResetTtlMs } from './user-tokens.ts';
