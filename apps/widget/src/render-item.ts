import { createNode } from './create-node.ts';
import type { WidgetStrings } from './strings.ts';
import type { Choice, RenderItem, RenderPart } from './to-render-model.ts';

/** One bubble of the log as DOM. Message strings only ever go in as text nodes. */
function renderPart(part: RenderPart, onChoose: (choice: Choice) => void): HTMLElement {
  switch (part.type) {
    case 'text':
      return createNode('p', {}, [part.text]);
    case 'image':
      return createNode('a', { href: part.url, target: '_blank', rel: 'noopener noreferrer' }, [
        createNode('img', { src: part.url, alt: part.alt, loading: 'lazy', referrerpolicy: 'no-referrer' }),
      ]);
    case 'link':
      return createNode('a', { href: part.url, target: '_blank', rel: 'noopener noreferrer' }, [part.label]);
    case 'choices': {
      const buttons = part.choices.map((choice) => {
        const button = createNode('button', { type: 'button' }, [choice.label]);
        if (choice.description) button.append(createNode('small', {}, [choice.description]));
        button.addEventListener('click', () => onChoose(choice));
        return button;
      });
      const group = createNode(
        'div',
        { class: 'choices', role: 'group' },
        part.title ? [createNode('b', {}, [part.title]), ...buttons] : buttons,
      );
      if (part.title) group.setAttribute('aria-label', part.title);
      return group;
    }
  }
}

function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function renderItem(item: RenderItem, strings: WidgetStrings, locale: string, onChoose: (choice: Choice) => void): HTMLElement {
  const node = createNode('div', { class: `msg ${item.side}` });
  if (item.author === 'agent') node.append(createNode('span', { class: 'author' }, [strings.agent]));
  node.append(
    createNode(
      'div',
      { class: 'bubble' },
      item.parts.map((p) => renderPart(p, onChoose)),
    ),
  );
  node.append(createNode('span', { class: 'meta' }));
  updateItem(node, item, strings, locale);
  return node;
}

/** What can change on a shown bubble without re-announcing it: delivery state and pickable rows. */
export function updateItem(node: HTMLElement, item: RenderItem, strings: WidgetStrings, locale: string): void {
  node.className = `msg ${item.side} ${item.delivery}`;
  const meta = node.querySelector('.meta');
  if (meta) {
    meta.textContent =
      item.delivery === 'pending' ? strings.sending : item.delivery === 'failed' ? strings.notSent : formatTime(item.createdAt, locale);
  }
  for (const button of node.querySelectorAll<HTMLButtonElement>('.choices button')) button.disabled = !item.active;
}
