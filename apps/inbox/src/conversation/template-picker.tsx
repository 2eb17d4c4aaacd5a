import { useState } from 'react';
import type { MessageTemplateView } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { fillTemplate } from './composer-triggers.ts';
import { conversationMessages } from './messages.ts';
import { useResource } from './use-resource.ts';

export interface TemplateSend {
  kind: 'template';
  name: string;
  language: string;
  parameters: string[];
  fallbackText: string;
}

/** Outside the reply window only approved templates go out: pick one, fill its {{n}} parameters, send. */
export function TemplatePicker({
  conversationId,
  busy,
  onSend,
}: {
  conversationId: string;
  busy: boolean;
  onSend: (content: TemplateSend) => void;
}) {
  const t = useT(conversationMessages);
  const [list] = useResource<{ data: MessageTemplateView[] }>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/templates`);
  const [chosen, setChosen] = useState<MessageTemplateView | null>(null);
  const [params, setParams] = useState<string[]>([]);
  if (list.state === 'loading') return <p className="cv-muted">{t('loading')}</p>;
  if (list.state === 'error')
    return (
      <p role="alert" className="cv-error-text">
        {list.message}
      </p>
    );
  if (list.data.data.length === 0) return <p className="cv-muted">{t('template.none')}</p>;
  const complete = chosen !== null && params.length === chosen.parameterCount && params.every((p) => p.trim() !== '');
  return (
    <div className="cv-templates" data-testid="templates">
      <p className="cv-small">{t('template.choose')}</p>
      <ul className="cv-template-list">
        {list.data.data.map((tpl) => (
          <li key={`${tpl.name}:${tpl.language}`}>
            <button
              type="button"
              data-testid="template-option"
              aria-pressed={chosen?.name === tpl.name && chosen.language === tpl.language}
              onClick={() => {
                setChosen(tpl);
                setParams(Array.from({ length: tpl.parameterCount }, () => ''));
              }}
            >
              <strong>{tpl.name}</strong> <span className="cv-muted">({tpl.language})</span>
              <span className="cv-template-body">{tpl.body}</span>
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <form
          className="cv-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (complete)
              onSend({
                kind: 'template',
                name: chosen.name,
                language: chosen.language,
                parameters: params,
                fallbackText: fillTemplate(chosen.body, params),
              });
          }}
        >
          {params.map((value, i) => (
            <label key={i}>
              {t('template.param', { n: i + 1 })}
              <input
                type="text"
                data-testid="template-param"
                value={value}
                maxLength={1024}
                onChange={(e) => setParams((prev) => prev.map((p, j) => (j === i ? e.target.value : p)))}
              />
            </label>
          ))}
          <p className="cv-template-preview" aria-live="polite">
            {fillTemplate(chosen.body, params)}
          </p>
          <button type="submit" className="cv-primary" data-testid="send-template" disabled={!complete || busy}>
            {t('template.send')}
          </button>
        </form>
      )}
    </div>
  );
}
