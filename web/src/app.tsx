// The app: loads the language, the server's description (demo mode) and the session, then shows
// the screen of the address inside the shell. The screens, their addresses and who may open them
// are declared by the modules (modules/index.ts). Screens that need a session send a signed-out
// visitor to sign in, and a session still missing its second factor to that step.
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { api, ok, setCsrfToken, setLanguage, type Meta, type Session } from './api/client';
import { Shell } from './components/Shell/Shell';
import { forgetCaches } from './core/forget';
import type { ScreenRoute } from './core/module';
import { NotFound } from './core/NotFound';
import { I18n, initialLocale, loadTranslator, rememberLocale, type Translator } from './i18n';
import { modules } from './modules';
import { State, fullySignedIn, useAppState } from './state';

const routes = modules.flatMap((module) => module.routes);
const nav = modules.flatMap((module) => module.nav);

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

// The screen of a route, behind its access rule. One component for every route, defined once, so
// that redrawing the app (going offline or online, another language) never gives the router a new
// component type: the screen stays mounted and keeps what the person was typing.
function Screen({ spec }: { spec: ScreenRoute }) {
  const { session } = useAppState();
  const signedIn = fullySignedIn(session);
  switch (spec.access) {
    case 'signed_in':
      if (session === null) return <Redirect to="/login" />;
      if (!signedIn) return <Redirect to="/sign-in/second-factor" />;
      break;
    case 'signed_out':
      if (signedIn) return <Redirect to="/" />;
      break;
    case 'signing_in':
      if (session === null) return <Redirect to="/login" />;
      if (signedIn) return <Redirect to="/" />;
      break;
    case 'anyone':
      break;
  }
  const Shown = spec.screen;
  return <Shown {...spec.props} />;
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
    ok(api.GET('/api/v1/meta')).then(setMeta).catch(() => setMeta(null));
    ok(api.GET('/api/v1/auth/session'))
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
      ok(api.GET('/api/v1/auth/session'))
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
    nav,
    setSession: (next: Session | null) => {
      // Each session (and a session raised by its second factor) has its own CSRF token.
      setCsrfToken(next?.csrf_token ?? '');
      setSession(next);
      if (next?.user.locale && next.user.locale !== translator.locale) applyLocale(next.user.locale);
    },
    changeLocale: async (locale: string) => {
      const next = await applyLocale(locale);
      rememberLocale(next.locale);
      if (session) await ok(api.POST('/api/v1/auth/locale', { body: { locale: next.locale } })).catch(() => {});
    },
    signOut: async () => {
      await ok(api.POST('/api/v1/auth/logout')).catch(() => {});
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
              {routes.map((spec) => <Route key={spec.path} path={spec.path} component={Screen} spec={spec} />)}
              <Route default component={NotFound} />
            </Router>
          </Shell>
        </LocationProvider>
      </State.Provider>
    </I18n.Provider>
  );
}
