import { useEffect } from 'react';
import type { MeView } from '@fio/contracts';
import { InviteScreen } from './auth/invite-screen.tsx';
import { ResetPasswordScreen } from './auth/reset-password-screen.tsx';
import { SignInScreen } from './auth/sign-in-screen.tsx';
import { ErrorState } from './common/error-state.tsx';
import { commonMessages } from './common/messages.ts';
import { useT } from './i18n/i18n.ts';
import { InboxScreen } from './list/inbox-screen.tsx';
import { Link, navigate, useRoute, type Route } from './router.ts';
import { SessionProvider, isSupervisor, useSession } from './session.tsx';
import { SettingsScreen } from './settings/settings-screen.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { SupervisorScreen } from './supervisor/supervisor-screen.tsx';

export function App() {
  return (
    <SessionProvider>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const { route } = useRoute();
  const { state, reload } = useSession();
  const t = useT(commonMessages);

  // Signed in and on the sign-in page (a bookmark, the back button): the inbox instead.
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (signedIn && route.name === 'sign-in') navigate('/inbox/', { replace: true });
  }, [signedIn, route.name]);

  switch (route.name) {
    case 'reset':
      return <ResetPasswordScreen token={route.token} />;
    case 'invite':
      return <InviteScreen token={route.token} />;
    case 'sign-in':
      return state.status === 'signed-in' ? null : <SignInScreen />;
    default:
      break;
  }
  switch (state.status) {
    case 'loading':
      return (
        <p className="page-loading" role="status">
          {t('loading')}
        </p>
      );
    case 'failed':
      return (
        <main className="page-center">
          <ErrorState error={state.error} onRetry={reload} path="/api/v1/auth/me" />
        </main>
      );
    case 'signed-out':
      return null; // The session sends the visitor to the sign-in page.
    case 'signed-in':
      return (
        <AppShell me={state.me}>
          <SignedInScreen route={route} me={state.me} />
        </AppShell>
      );
  }
}

function SignedInScreen({ route, me }: { route: Route; me: MeView }) {
  switch (route.name) {
    case 'list':
      return <InboxScreen me={me} conversationId={null} />;
    case 'conversation':
      return <InboxScreen me={me} conversationId={route.conversationId} />;
    case 'supervisor':
      return isSupervisor(me) ? <SupervisorScreen /> : <NotAllowed />;
    case 'settings':
      return isSupervisor(me) ? <SettingsScreen me={me} tab={route.tab} /> : <NotAllowed />;
    default:
      return <NotFound />;
  }
}

function NotAllowed() {
  const t = useT(commonMessages);
  return (
    <section className="page-center">
      <h1>{t('notAllowedTitle')}</h1>
      <p>{t('forbidden')}</p>
      <Link to="/inbox/">{t('backToInbox')}</Link>
    </section>
  );
}

function NotFound() {
  const t = useT(commonMessages);
  return (
    <section className="page-center">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <Link to="/inbox/">{t('backToInbox')}</Link>
    </section>
  );
}
