// The frame of every screen: skip link, demo and offline notices, the header with the menu the
// modules declare for her, the language picker, listen-to-this-page, quick exit (for participants
// and before sign-in) and sign-out; then the screen in <main>. After each navigation the focus
// moves to the new screen's heading (GOV.UK's way), where a screen reader then starts reading.
import type { ComponentChildren } from 'preact';
import { useEffect, useErrorBoundary, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { locales, nativeName, useI18n } from '../../i18n';
import { useNavigation } from '../../core/navigation';
import { isStaff, useAppState } from '../../state';
import { AppLink } from '../AppLink/AppLink';
import { Icon } from '../Icon/Icon';
import { endSessionOnLeaving } from '../../api/client';
import { forgetEverything } from '../../core/forget';
import { ErrorScreen } from '../../core/NotFound';

// How long the quick exit waits at most for the caches and databases to be deleted before it
// leaves (the service worker finishes the caches in any case).
const forgetWithinMs = 300;

// Leaves at once for an ordinary site (the server's choice, see --quick-exit-url), signed out: the
// session ends on the server (a request that survives the page leaving), and what the app kept on
// this device is deleted, so that whoever picks up the phone next finds the sign-in page.
export function quickExit(neutralSite: string) {
  endSessionOnLeaving();
  // Nothing of hers stays on the screen during the few moments of clearing.
  document.body.hidden = true;
  // replace(): this page leaves the history, so Back does not return to it.
  const leave = () => window.location.replace(neutralSite);
  Promise.race([forgetEverything(), new Promise((done) => setTimeout(done, forgetWithinMs))]).then(leave, leave);
}

function ListenButton() {
  const { t, locale } = useI18n();
  const [speaking, setSpeaking] = useState(false);
  if (typeof window.speechSynthesis === 'undefined') return null;
  const toggle = () => {
    if (speaking) {
      speechSynthesis.cancel();
      setSpeaking(false);
      return;
    }
    const text = document.getElementById('main')?.innerText ?? '';
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = locale;
    utterance.onend = () => setSpeaking(false);
    speechSynthesis.speak(utterance);
    setSpeaking(true);
  };
  return (
    <button type="button" class="button tool" aria-pressed={speaking} onClick={toggle}>
      <Icon name="speaker" />
      <span>{speaking ? t('shell.stop_listening') : t('shell.listen')}</span>
    </button>
  );
}

function LanguagePicker() {
  const { t, locale } = useI18n();
  const { changeLocale } = useAppState();
  return (
    <div class="language">
      <Icon name="globe" />
      <label for="language" class="visually-hidden">{t('shell.language')}</label>
      <select id="language" value={locale} onChange={(e) => changeLocale((e.target as HTMLSelectElement).value)}>
        {locales.map((code) => <option key={code} value={code} lang={code}>{nativeName(code)}</option>)}
      </select>
    </div>
  );
}

export function Shell({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const { meta, session, online, signOut } = useAppState();
  const { path } = useLocation();
  const navigation = useNavigation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // After a navigation, move focus to the new screen's heading so that keyboard and
    // screen-reader users start there (not on the first render, where the browser's own focus is
    // right). The heading takes the focus without becoming a stop of the Tab key (tabindex -1).
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector('h1');
    if (!heading) return main.current?.focus();
    heading.tabIndex = -1;
    heading.focus();
  }, [path]);
  const showExit = !isStaff(session);
  // A screen that fails to draw shows the error page inside the shell, which keeps working.
  const [failure, resetFailure] = useErrorBoundary((error) => console.error(error));
  useEffect(() => {
    if (failure) resetFailure();
  }, [path]);
  return (
    <>
      <a class="skip-link" href="#main">{t('shell.skip')}</a>
      {meta?.demo && <p class="notice demo" role="note">{t('shell.demo')}</p>}
      {!online && (
        <p class="notice offline" role="status"><Icon name="offline" /> {t('shell.offline')}</p>
      )}
      <header class="header">
        <div class="header-row">
          <AppLink href="/" class="brand">Ponte</AppLink>
          <div class="tools">
            <LanguagePicker />
            <ListenButton />
            {session && (
              <button type="button" class="button tool" onClick={signOut}>
                <Icon name="logout" /><span>{t('shell.sign_out')}</span>
              </button>
            )}
            {showExit && (
              <button type="button" class="button exit"
                onClick={() => quickExit(meta?.quick_exit_url ?? 'https://www.wikipedia.org/')}>
                <Icon name="exit" /><span>{t('shell.quick_exit')}</span>
              </button>
            )}
          </div>
        </div>
        {navigation.length > 0 && (
          <nav aria-label={t('shell.navigation')}>
            <ul>
              {navigation.map((item) => (
                <li key={item.href}>
                  <AppLink href={item.href} current={item.href === path}><Icon name={item.icon} />{item.label}</AppLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {failure ? <ErrorScreen message={t('error.unexpected')} /> : children}
      </main>
    </>
  );
}
