/**
 * Dutch (default) and English text. The Dutch dictionary defines the keys; the English one is
 * typed against it, so a missing or misspelt key is a compile error.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, isRole } from './api';

const nl = {
  'app.name': 'Schakel',
  'app.loading': 'Laden…',
  'app.startFailed': 'Schakel kan niet starten.',
  'banner.synthetic':
    'Demo — alle gegevens zijn synthetisch (verzonnen); er staan geen echte personen in.',

  'lang.label': 'Taal',

  'header.skip': 'Naar de inhoud',
  'header.user': 'Ingelogd als',
  'header.roles': 'Rollen',
  'header.logout': 'Uitloggen',

  'nav.label': 'Hoofdnavigatie',
  'nav.ads': 'Advertenties',
  'nav.networks': 'Netwerken',
  'nav.operations': 'Operaties',
  'nav.devices': 'Apparaten',
  'nav.picture': 'Landelijk beeld',
  'nav.admin': 'Beheer',

  'section.ads.intro':
    'Hier komen de verzamelde contactadvertenties, met de telefoonnummers, plaatsen en signalen (indicatoren) die eruit zijn gehaald.',
  'section.networks.intro':
    'Hier komen netwerken: advertenties die met elkaar verbonden zijn door gedeelde telefoonnummers, teksttemplates en foto’s.',
  'section.operations.intro':
    'Hier komen de actiedagen, de toewijzingen aan teams en de controles die op straat zijn uitgevoerd.',
  'section.devices.intro':
    'Hier komen de extracties van in beslag genomen apparaten, met de volledige bewijsketen (chain of custody).',
  'section.picture.intro':
    'Hier komt het landelijk beeld: de signalen en netwerken per politie-eenheid.',
  'section.pending': 'Dit onderdeel is in ontwikkeling.',

  'login.title': 'Inloggen bij Schakel',
  'login.intro':
    'Alleen voor bevoegde medewerkers van de politie. Wat u hier doet, wordt vastgelegd.',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.busy': 'Bezig met inloggen…',
  'login.invalid': 'Onjuiste gebruikersnaam of wachtwoord',
  'login.rateLimited': 'Te veel inlogpogingen. Wacht een minuut en probeer het dan opnieuw.',
  'login.expired': 'Uw sessie is verlopen of beëindigd. Log opnieuw in.',
  'login.loggedOut': 'U bent uitgelogd.',

  'error.unavailable': 'Database niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.',
  'error.network': 'De server is niet bereikbaar. Controleer de verbinding.',
  'error.forbidden': 'U heeft geen toegang tot deze gegevens.',
  'error.csrf': 'De beveiligingscontrole is mislukt. Laad de pagina opnieuw.',
  'error.rateLimited': 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
  'error.notFound': 'Niet gevonden.',
  'error.generic': 'Er ging iets mis: {message}',
  'error.retry': 'Opnieuw proberen',

  'notFound.title': 'Pagina niet gevonden',
  'notFound.text': 'Deze pagina bestaat niet.',
  'notFound.back': 'Naar Advertenties',
  'noAccess.text': 'Alleen beheerders hebben toegang tot deze pagina.',

  'role.analyst': 'Analist',
  'role.operational_lead': 'Operationeel leider',
  'role.field_officer': 'Veldagent',
  'role.forensic_examiner': 'Forensisch onderzoeker',
  'role.national_analyst': 'Landelijk analist',
  'role.auditor': 'Auditor',
  'role.admin': 'Beheerder',

  'admin.intro':
    'Gebruikers, rollen en sessies beheren. Elke wijziging wordt vastgelegd in het audittrail.',
  'admin.users.title': 'Gebruikers',
  'admin.users.empty': 'Er zijn nog geen gebruikers.',
  'admin.col.username': 'Gebruikersnaam',
  'admin.col.displayName': 'Weergavenaam',
  'admin.col.roles': 'Rollen',
  'admin.col.unit': 'Eenheid',
  'admin.col.status': 'Status',
  'admin.col.created': 'Aangemaakt',
  'admin.col.actions': 'Acties',
  'admin.status.active': 'Actief',
  'admin.status.disabled': 'Uitgeschakeld',
  'admin.you': '(u)',
  'admin.disable': 'Uitschakelen',
  'admin.enable': 'Inschakelen',
  'admin.endSessions': 'Sessies beëindigen',
  'admin.selfDisable': 'U kunt uw eigen account niet uitschakelen.',
  'admin.disabledDone': '{user} is uitgeschakeld; alle sessies zijn beëindigd.',
  'admin.enabledDone': '{user} is weer ingeschakeld.',
  'admin.sessionsDone': 'Sessies van {user} beëindigd: {count}.',
  'admin.add.title': 'Gebruiker toevoegen',
  'admin.add.username': 'Gebruikersnaam',
  'admin.add.usernameHint':
    '2–64 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.',
  'admin.add.displayName': 'Weergavenaam',
  'admin.add.displayNameHint': 'Optioneel; zonder weergavenaam wordt de gebruikersnaam gebruikt.',
  'admin.add.password': 'Wachtwoord',
  'admin.add.passwordHint': 'Minimaal 8 tekens.',
  'admin.add.roles': 'Rollen',
  'admin.add.unit': 'Politie-eenheid',
  'admin.add.noUnit': '— Geen eenheid —',
  'admin.add.submit': 'Gebruiker toevoegen',
  'admin.add.busy': 'Bezig met toevoegen…',
  'admin.add.done': 'Gebruiker {user} is toegevoegd.',
  'admin.add.checkFields': 'Controleer de gemarkeerde velden.',
  'admin.add.taken': 'Deze gebruikersnaam is al in gebruik.',
  'admin.matrix.title': 'Rollen en bevoegdheden',
  'admin.matrix.intro':
    'Welke rol welke bevoegdheid geeft. Bevoegdheden staan er met hun code; toegang tot de inhoud van een onderzoek hangt daarnaast af van het lidmaatschap ervan.',
  'admin.matrix.permission': 'Bevoegdheid',
  'admin.matrix.granted': 'Ja',
  'admin.matrix.notGranted': 'Nee',
} as const;

export type Key = keyof typeof nl;

const en: Record<Key, string> = {
  'app.name': 'Schakel',
  'app.loading': 'Loading…',
  'app.startFailed': 'Schakel cannot start.',
  'banner.synthetic': 'Demo — all data is synthetic (made up); no real people appear here.',

  'lang.label': 'Language',

  'header.skip': 'Skip to content',
  'header.user': 'Signed in as',
  'header.roles': 'Roles',
  'header.logout': 'Log out',

  'nav.label': 'Main navigation',
  'nav.ads': 'Ads',
  'nav.networks': 'Networks',
  'nav.operations': 'Operations',
  'nav.devices': 'Devices',
  'nav.picture': 'National picture',
  'nav.admin': 'Admin',

  'section.ads.intro':
    'Captured contact ads will appear here, with the phone numbers, places and indicators extracted from them.',
  'section.networks.intro':
    'Networks will appear here: ads linked to each other by shared phone numbers, text templates and photos.',
  'section.operations.intro':
    'Action days, assignments to teams and the controls carried out in the field will appear here.',
  'section.devices.intro':
    'Extractions from seized devices will appear here, with their full chain of custody.',
  'section.picture.intro':
    'The national picture will appear here: indicators and networks per police unit.',
  'section.pending': 'This section is under development.',

  'login.title': 'Log in to Schakel',
  'login.intro': 'For authorised police staff only. What you do here is recorded.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.invalid': 'Incorrect username or password',
  'login.rateLimited': 'Too many login attempts. Wait a minute and try again.',
  'login.expired': 'Your session has expired or was ended. Please log in again.',
  'login.loggedOut': 'You have logged out.',

  'error.unavailable': 'Database unreachable. Please try again in a moment.',
  'error.network': 'The server cannot be reached. Check your connection.',
  'error.forbidden': 'You do not have access to this information.',
  'error.csrf': 'The security check failed. Please reload the page.',
  'error.rateLimited': 'Too many requests. Wait a moment and try again.',
  'error.notFound': 'Not found.',
  'error.generic': 'Something went wrong: {message}',
  'error.retry': 'Try again',

  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist.',
  'notFound.back': 'Go to Ads',
  'noAccess.text': 'Only administrators have access to this page.',

  'role.analyst': 'Analyst',
  'role.operational_lead': 'Operational lead',
  'role.field_officer': 'Field officer',
  'role.forensic_examiner': 'Forensic examiner',
  'role.national_analyst': 'National analyst',
  'role.auditor': 'Auditor',
  'role.admin': 'Administrator',

  'admin.intro': 'Manage users, roles and sessions. Every change is recorded in the audit trail.',
  'admin.users.title': 'Users',
  'admin.users.empty': 'There are no users yet.',
  'admin.col.username': 'Username',
  'admin.col.displayName': 'Display name',
  'admin.col.roles': 'Roles',
  'admin.col.unit': 'Police unit',
  'admin.col.status': 'Status',
  'admin.col.created': 'Created',
  'admin.col.actions': 'Actions',
  'admin.status.active': 'Active',
  'admin.status.disabled': 'Disabled',
  'admin.you': '(you)',
  'admin.disable': 'Disable',
  'admin.enable': 'Enable',
  'admin.endSessions': 'End sessions',
  'admin.selfDisable': 'You cannot disable your own account.',
  'admin.disabledDone': '{user} has been disabled; all their sessions have ended.',
  'admin.enabledDone': '{user} has been enabled again.',
  'admin.sessionsDone': 'Sessions of {user} ended: {count}.',
  'admin.add.title': 'Add user',
  'admin.add.username': 'Username',
  'admin.add.usernameHint': '2–64 characters: lower-case letters, digits, dot, dash or underscore.',
  'admin.add.displayName': 'Display name',
  'admin.add.displayNameHint': 'Optional; without one, the username is shown.',
  'admin.add.password': 'Password',
  'admin.add.passwordHint': 'At least 8 characters.',
  'admin.add.roles': 'Roles',
  'admin.add.unit': 'Police unit',
  'admin.add.noUnit': '— No unit —',
  'admin.add.submit': 'Add user',
  'admin.add.busy': 'Adding…',
  'admin.add.done': 'User {user} has been added.',
  'admin.add.checkFields': 'Please check the marked fields.',
  'admin.add.taken': 'This username is already taken.',
  'admin.matrix.title': 'Roles and permissions',
  'admin.matrix.intro':
    'Which role grants which permission. Permissions are shown by their code; access to the content of an investigation also depends on being a member of it.',
  'admin.matrix.permission': 'Permission',
  'admin.matrix.granted': 'Yes',
  'admin.matrix.notGranted': 'No',
};

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const dictionaries: Record<Lang, Record<Key, string>> = { nl, en };
/** Each language named in itself, as a language menu should. */
const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };
const STORAGE_KEY = 'schakel.lang';

type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: Key, params?: Params) => string;
  /** A role code in the current language; an unknown code is shown as is. */
  roleName: (role: string) => string;
  formatDateTime: (iso: string) => string;
  /** A failed API call as a sentence for the user. */
  errorText: (error: unknown) => string;
}

function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'nl' || value === 'en') return value;
  } catch {
    // Storage can be blocked (private mode, policy): fall back to Dutch.
  }
  return 'nl';
}

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[lang];
    const t = (key: Key, params?: Params) => interpolate(dictionary[key], params);
    const dateFormat = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return {
      lang,
      setLang,
      t,
      roleName: (role) => (isRole(role) ? t(`role.${role}`) : role),
      formatDateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
      errorText: (error) => {
        if (!(error instanceof ApiError)) {
          return t('error.generic', { message: error instanceof Error ? error.message : '?' });
        }
        if (error.status === 503 || error.code === 'unavailable') return t('error.unavailable');
        if (error.status === 0) return t('error.network');
        if (error.code === 'csrf') return t('error.csrf');
        if (error.status === 403) return t('error.forbidden');
        if (error.status === 404) return t('error.notFound');
        if (error.status === 429) return t('error.rateLimited');
        return t('error.generic', { message: error.message });
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The NL/EN switch, shown in the header and on the login page. */
export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-toggle" role="group" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          title={LANG_NAMES[code]}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
