// The app: loads the language, the server's description (demo mode) and the session, then shows
// the screen of the address inside the shell. Screens that need a session send a signed-out
// visitor to sign in, and a session still missing its second factor to that step.
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { api, setCsrfToken, setLanguage, type Meta, type Session } from './api/client';
import { Shell } from './components/Shell';
import { forgetCaches } from './core/forget';
import { I18n, initialLocale, loadTranslator, rememberLocale, type Translator } from './i18n';
import { Account } from './screens/Account';
import { EmptySection, Home } from './screens/Home';
import { Invite } from './screens/Invite';
import { Join } from './screens/Join';
import { Login } from './screens/Login';
import { People } from './screens/People';
import { NotFound } from './screens/NotFound';
import { ResetPassword } from './screens/ResetPassword';
import { SecondFactor } from './screens/SecondFactor';
import { State, fullySignedIn, useAppState } from './state';

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

// A screen for signed-in people only.
function Private({ screen: Screen, ...props }: { screen: (props: any) => any; [key: string]: unknown }) {
  const { session } = useAppState();
  if (session === null) return <Redirect to="/login" />;
  if (!fullySignedIn(session)) return <Redirect to="/sign-in/second-factor" />;
  return <Screen {...props} />;
}

// A screen of signing in: pointless once signed in.
function Public({ screen: Screen }: { screen: () => any }) {
  const { session } = useAppState();
  if (fullySignedIn(session)) return <Redirect to="/" />;
  return <Screen />;
}

function SecondFactorStep() {
  const { session } = useAppState();
  if (session === null) return <Redirect to="/login" />;
  if (fullySignedIn(session)) return <Redirect to="/" />;
  return <SecondFactor />;
}

function AccountScreen() {
  return <Private screen={Account} />;
}

function section(name: string) {
  return () => <Private screen={EmptySection} section={name} />;
}

export function App() {
  const [translator, setTranslator] = useState<Translator | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [online, setOnline] = useState(navigator.onLine);

  const applyLocale = async (locale: string) => {
    const next = await loadTranslator(locale);
    document.documentElement.lang = next.locale;
    document.documentElement.dir = next.dir;
    setLanguage(next.locale);
    setTranslator(next);
    return next;
  };

  useEffect(() => {
    applyLocale(initialLocale());
    api.meta().then(setMeta).catch(() => setMeta(null));
    api.session()
      .then((current) => {
        setCsrfToken(current.csrf_token);
        setSession(current);
        if (current.user.locale) applyLocale(current.user.locale);
      })
      // Signed out, or offline with a session we cannot check: the shell shows signed out.
      .catch(() => setSession(null));
    const update = () => setOnline(navigator.onLine);
    // A page brought back from the browser's back-forward cache shows what it showed when it was
    // left; its session may have ended since (a quick exit, a sign-out on another tab), so nothing
    // shows until the session is checked again.
    const restored = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      document.body.hidden = true;
      api.session()
        .then((current) => {
          setCsrfToken(current.csrf_token);
          setSession(current);
        })
        .catch(() => {
          setCsrfToken('');
          setSession(null);
        })
        .finally(() => {
          document.body.hidden = false;
        });
    };
    addEventListener('online', update);
    addEventListener('offline', update);
    addEventListener('pageshow', restored);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
      removeEventListener('pageshow', restored);
    };
  }, []);

  if (!translator || session === undefined) return null;

  const state = {
    meta,
    session,
    online,
    setSession: (next: Session | null) => {
      // Each session (and a session raised by its second factor) has its own CSRF token.
      setCsrfToken(next?.csrf_token ?? '');
      setSession(next);
      if (next?.user.locale && next.user.locale !== translator.locale) applyLocale(next.user.locale);
    },
    changeLocale: async (locale: string) => {
      const next = await applyLocale(locale);
      rememberLocale(next.locale);
      if (session) await api.setLocale({ locale: next.locale }).catch(() => {});
    },
    signOut: async () => {
      await api.logout().catch(() => {});
      setCsrfToken('');
      // Everything cached for offline use goes with the session.
      await forgetCaches();
      setSession(null);
      history.replaceState(null, '', '/login');
      dispatchEvent(new PopStateEvent('popstate'));
    },
  };

  return (
    <I18n.Provider value={translator}>
      <State.Provider value={state}>
        <LocationProvider>
          <Shell>
            <Router>
              <Route path="/" component={() => <Private screen={Home} />} />
              <Route path="/login" component={() => <Public screen={Login} />} />
              <Route path="/sign-in/second-factor" component={SecondFactorStep} />
              <Route path="/invite" component={() => <Public screen={Invite} />} />
              <Route path="/join" component={Join} />
              <Route path="/reset-password" component={ResetPassword} />
              <Route path="/plan" component={section('plan')} />
              <Route path="/courses" component={section('courses')} />
              <Route path="/appointments" component={section('appointments')} />
              <Route path="/find-help" component={section('find_help')} />
              <Route path="/caseload" component={section('caseload')} />
              <Route path="/tasks" component={section('tasks')} />
              <Route path="/people" component={() => <Private screen={People} />} />
              <Route path="/account" component={AccountScreen} />
              <Route default component={NotFound} />
            </Router>
          </Shell>
        </LocationProvider>
      </State.Provider>
    </I18n.Provider>
  );
}
