import { locales, useLocale, useT, defineMessages } from '../i18n/i18n.ts';

const messages = defineMessages({
  'pt-BR': { label: 'Idioma', 'pt-BR': 'Português (Brasil)', en: 'English' },
  en: { label: 'Language', 'pt-BR': 'Português (Brasil)', en: 'English' },
});

export function LocaleSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT(messages);
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('label')}</span>
      <select
        data-testid="locale-switch"
        value={locale}
        onChange={(e) => {
          const next = locales.find((l) => l === e.target.value);
          if (next) setLocale(next);
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
