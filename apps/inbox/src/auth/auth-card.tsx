import type { ReactNode } from 'react';
import { LocaleSwitch } from '../common/locale-switch.tsx';
import './auth.css';

/** The frame of the signed-out pages: the brand, the language, one card. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-locale">
        <LocaleSwitch />
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="auth-brand" aria-hidden="true">
          Fio
        </p>
        <h1 id="auth-title">{title}</h1>
        {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
        {children}
      </section>
    </main>
  );
}
