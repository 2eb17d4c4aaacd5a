import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSchema, declareCapabilities, type ChannelCapabilitiesInput, type Content, type ListContent } from '@fio/contracts';
import { fitToCapabilities, splitText, type FitResult } from '../src/index.ts';

const richCaps: ChannelCapabilitiesInput = {
  maxTextLength: 4096,
  mediaTypes: ['image', 'audio', 'video', 'file'],
  quickReplies: { max: 3, maxLabelLength: 20 },
  lists: { maxRows: 10, maxRowTitleLength: 24, maxButtonLabelLength: 20 },
  location: true,
  contactCards: true,
  templates: true,
};

function fit(contents: Content[], caps: ChannelCapabilitiesInput, locale = 'en', withinReplyWindow = true): Content[] {
  const result: FitResult = fitToCapabilities(contents, declareCapabilities(caps), { locale, withinReplyWindow });
  if (!result.ok) throw new Error(`expected the content to fit: ${result.message}`);
  return result.contents;
}

function buildMenu(labels: string[] = ['Horário de atendimento', 'Segunda via do boleto', 'Falar com atendente']): Content {
  return {
    kind: 'text',
    text: 'Como posso ajudar?',
    quickReplies: labels.map((label, index) => ({ id: `opt_${index + 1}`, label })),
  };
}

function buildList(overrides: Partial<ListContent> = {}): ListContent {
  return {
    kind: 'list',
    text: 'Choose a product',
    buttonLabel: 'See products',
    sections: [
      {
        title: 'Phones',
        rows: [
          { id: 'p1', title: 'Phone X', description: '128 GB' },
          { id: 'p2', title: 'Phone Y' },
        ],
      },
      { title: 'Laptops', rows: [{ id: 'l1', title: 'Laptop Z' }] },
    ],
    ...overrides,
  };
}

describe('fitToCapabilities: quick replies', () => {
  test('keeps quick replies as they are when the channel can show them', () => {
    const menu = buildMenu(['Hours', 'Invoice', 'Agent']);
    assert.deepEqual(fit([menu], richCaps), [menu]);
  });

  test('renders numbered lines in pt-BR when the channel has no quick replies', () => {
    const [only, ...rest] = fit([buildMenu()], { maxTextLength: 1000 }, 'pt-BR');
    assert.equal(rest.length, 0);
    assert.deepEqual(only, {
      kind: 'text',
      text:
        'Como posso ajudar?\n\n1. Horário de atendimento\n2. Segunda via do boleto\n3. Falar com atendente\n' +
        'Responda com o número da opção.',
    });
  });

  test('writes the numbering hint in English when the locale is unknown', () => {
    const [only] = fit([buildMenu(['A', 'B'])], {}, 'de-DE');
    assert.equal(only?.kind === 'text' && only.text.endsWith('1. A\n2. B\nReply with the number of your choice.'), true);
  });

  test('writes the numbering hint in Spanish when the locale is es', () => {
    const [only] = fit([buildMenu(['A', 'B'])], {}, 'es-MX');
    assert.match(only?.kind === 'text' ? only.text : '', /Responda con el número de la opción\.$/);
  });

  test('speaks the options in pt-BR when the channel style is spoken', () => {
    const [only] = fit([buildMenu()], { optionsStyle: 'spoken' }, 'pt-BR');
    assert.deepEqual(only, {
      kind: 'text',
      text:
        'Como posso ajudar?\n\nDiga ou digite 1 para horário de atendimento, 2 para segunda via do boleto ' +
        'ou 3 para falar com atendente.',
    });
  });

  test('speaks the options in English with a serial comma when the locale is en', () => {
    const [only] = fit([buildMenu(['Opening hours', 'Invoices', 'An agent'])], { optionsStyle: 'spoken' }, 'en-US');
    assert.equal(
      only?.kind === 'text' ? only.text : '',
      'Como posso ajudar?\n\nSay or press 1 for opening hours, 2 for invoices, or 3 for an agent.',
    );
  });

  test('speaks the options in Spanish when the locale is es', () => {
    const [only] = fit([buildMenu(['Horario', 'Factura'])], { optionsStyle: 'spoken' }, 'es');
    assert.equal(only?.kind === 'text' ? only.text : '', 'Como posso ajudar?\n\nDiga o marque 1 para horario o 2 para factura.');
  });

  test('keeps acronyms upper case when speaking options', () => {
    const [only] = fit([buildMenu(['PIX', 'Boleto'])], { optionsStyle: 'spoken' }, 'pt-BR');
    assert.match(only?.kind === 'text' ? only.text : '', /1 para PIX ou 2 para boleto\.$/);
  });

  test('renders numbered text when there are more quick replies than the channel allows', () => {
    const [only] = fit([buildMenu(['A', 'B', 'C', 'D'])], richCaps);
    assert.equal(only?.kind, 'text');
    assert.equal(only?.kind === 'text' ? only.quickReplies : 'x', undefined);
    assert.match(only?.kind === 'text' ? only.text : '', /\n4\. D\n/);
  });

  test('truncates long labels with an ellipsis when they stay unique', () => {
    const [only] = fit([buildMenu(['Horário de atendimento', 'Segunda via do boleto'])], richCaps);
    assert.deepEqual(only?.kind === 'text' ? only.quickReplies : [], [
      { id: 'opt_1', label: 'Horário de atendime…' },
      { id: 'opt_2', label: 'Segunda via do bole…' },
    ]);
    for (const reply of only?.kind === 'text' ? (only.quickReplies ?? []) : []) assert.ok(reply.label.length <= 20);
  });

  test('renders numbered text when truncated labels would look alike', () => {
    const [only] = fit([buildMenu(['Segunda via do boleto de março', 'Segunda via do boleto de abril'])], richCaps);
    assert.equal(only?.kind === 'text' ? only.quickReplies : 'x', undefined);
    assert.match(only?.kind === 'text' ? only.text : '', /1\. Segunda via do boleto de março\n2\. Segunda via do boleto de abril/);
  });

  test('keeps quick replies on the last part when the text is split', () => {
    const long = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}`;
    const parts = fit([{ kind: 'text', text: long, quickReplies: [{ id: 'y', label: 'Yes' }] }], {
      ...richCaps,
      maxTextLength: 80,
    });
    assert.deepEqual(parts, [
      { kind: 'text', text: 'a'.repeat(60) },
      { kind: 'text', text: 'b'.repeat(60), quickReplies: [{ id: 'y', label: 'Yes' }] },
    ]);
  });

  test('drops an empty quick replies array when there is nothing to offer', () => {
    assert.deepEqual(fit([{ kind: 'text', text: 'Hi', quickReplies: [] }], {}), [{ kind: 'text', text: 'Hi' }]);
  });
});

describe('fitToCapabilities: lists', () => {
  test('keeps a list when the channel supports lists and it fits', () => {
    const list = buildList();
    assert.deepEqual(fit([list], richCaps), [list]);
  });

  test('renders numbered options with section headings when the channel has no lists', () => {
    const [only] = fit([buildList()], { maxTextLength: 1000 }, 'en');
    assert.equal(
      only?.kind === 'text' ? only.text : '',
      'Choose a product\n\nPhones\n1. Phone X — 128 GB\n2. Phone Y\nLaptops\n3. Laptop Z\nReply with the number of your choice.',
    );
  });

  test('renders numbered text when the list has more rows than the channel allows', () => {
    const [only] = fit([buildList()], { ...richCaps, lists: { maxRows: 2, maxRowTitleLength: 24, maxButtonLabelLength: 20 } });
    assert.equal(only?.kind, 'text');
  });

  test('speaks list rows when the channel style is spoken', () => {
    const [only] = fit(
      [
        buildList({
          sections: [
            {
              rows: [
                { id: 'a', title: 'Pedidos' },
                { id: 'b', title: 'Trocas' },
              ],
            },
          ],
        }),
      ],
      {
        optionsStyle: 'spoken',
      },
      'pt-BR',
    );
    assert.equal(only?.kind === 'text' ? only.text : '', 'Choose a product\n\nDiga ou digite 1 para pedidos ou 2 para trocas.');
  });

  test('truncates row titles and the button label when they are too long for the channel', () => {
    const list = buildList({
      buttonLabel: 'See every product we sell',
      sections: [
        {
          rows: [
            { id: 'a', title: 'A very long product title indeed' },
            { id: 'b', title: 'Short' },
          ],
        },
      ],
    });
    const [only] = fit([list], richCaps);
    assert.equal(only?.kind, 'list');
    if (only?.kind !== 'list') return;
    assert.equal(only.buttonLabel, 'See every product w…');
    assert.deepEqual(
      only.sections[0]?.rows.map((row) => row.title),
      ['A very long product tit…', 'Short'],
    );
  });

  test('sends the start of a long list text ahead of the list when the text is too long', () => {
    const list = buildList({ text: `${'x'.repeat(50)}. ${'y'.repeat(40)}.` });
    const parts = fit([list], { ...richCaps, maxTextLength: 60 });
    assert.deepEqual(
      parts.map((part) => part.kind),
      ['text', 'list'],
    );
    assert.equal(parts[1]?.kind === 'list' ? parts[1].text : '', `${'y'.repeat(40)}.`);
  });
});

describe('fitToCapabilities: media, location, contact cards, templates', () => {
  const image: Content = { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.png', caption: 'Our store' };

  test('keeps media when the channel supports its type', () => {
    assert.deepEqual(fit([image], richCaps), [image]);
  });

  test('sends caption and URL as text when the channel does not support the media type', () => {
    assert.deepEqual(fit([image], { mediaTypes: ['file'] }), [{ kind: 'text', text: 'Our store\nhttps://cdn.example.com/a.png' }]);
  });

  test('uses the file name and URL when unsupported media has no caption', () => {
    const file: Content = { kind: 'media', mediaType: 'file', url: 'https://x.test/f.pdf', filename: 'boleto.pdf' };
    assert.deepEqual(fit([file], {}), [{ kind: 'text', text: 'boleto.pdf\nhttps://x.test/f.pdf' }]);
  });

  test('moves a caption that is too long into text after the media', () => {
    const parts = fit([{ ...image, caption: 'word '.repeat(30).trim() }], { ...richCaps, maxTextLength: 100 });
    assert.equal(parts[0]?.kind === 'media' ? parts[0].caption : 'x', undefined);
    assert.equal(parts.length, 3);
  });

  test('keeps a location when the channel supports locations', () => {
    const location: Content = { kind: 'location', latitude: -23.5, longitude: -46.6, name: 'Loja' };
    assert.deepEqual(fit([location], richCaps), [location]);
  });

  test('writes a location as name, address and map link when the channel has no locations', () => {
    const [only] = fit([{ kind: 'location', latitude: -23.5, longitude: -46.6, name: 'Loja', address: 'Rua A, 1' }], {});
    assert.equal(
      only?.kind === 'text' ? only.text : '',
      'Loja\nRua A, 1\nhttps://www.openstreetmap.org/?mlat=-23.5&mlon=-46.6#map=17/-23.5/-46.6',
    );
  });

  test('writes a contact card as lines of text when the channel has no contact cards', () => {
    const card: Content = { kind: 'contact_card', name: 'Ana', phones: ['+5511999990000'], emails: ['ana@x.test'] };
    assert.deepEqual(fit([card], {}), [{ kind: 'text', text: 'Ana\n+5511999990000\nana@x.test' }]);
    assert.deepEqual(fit([card], richCaps), [card]);
  });

  test('sends the fallback text of a template when the channel has no templates', () => {
    const template: Content = {
      kind: 'template',
      name: 'order_update',
      language: 'pt_BR',
      parameters: [],
      fallbackText: 'Seu pedido saiu.',
    };
    assert.deepEqual(fit([template], {}), [{ kind: 'text', text: 'Seu pedido saiu.' }]);
    assert.deepEqual(fit([template], richCaps), [template]);
  });

  test('writes a placeholder when unsupported content is sent', () => {
    assert.deepEqual(fit([{ kind: 'unsupported', placeholder: '[sticker]', providerKind: 'sticker' }], richCaps), [
      { kind: 'text', text: '[sticker]' },
    ]);
  });
});

describe('fitToCapabilities: reply window', () => {
  const windowed: ChannelCapabilitiesInput = { ...richCaps, replyWindowHours: 24 };
  const template: Content = { kind: 'template', name: 'hello', language: 'en', parameters: ['Ana'] };

  test('refuses free-form content with a reason when outside the reply window', () => {
    const result = fitToCapabilities([{ kind: 'text', text: 'Hi' }, template], declareCapabilities(windowed), {
      locale: 'en',
      withinReplyWindow: false,
    });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.reason, 'outside_reply_window');
    assert.match(result.message, /24 hours/);
    assert.match(result.message, /template/);
  });

  test('refuses a template when outside the reply window and the channel has no templates', () => {
    const result = fitToCapabilities([template], declareCapabilities({ replyWindowHours: 24 }), {
      locale: 'en',
      withinReplyWindow: false,
    });
    assert.equal(result.ok, false);
  });

  test('lets templates through when outside the reply window', () => {
    assert.deepEqual(fit([template], windowed, 'en', false), [template]);
  });

  test('lets anything through when inside the reply window', () => {
    assert.deepEqual(fit([{ kind: 'text', text: 'Hi' }], windowed, 'en', true), [{ kind: 'text', text: 'Hi' }]);
  });

  test('ignores the window flag when the channel has no reply window', () => {
    assert.deepEqual(fit([{ kind: 'text', text: 'Hi' }], richCaps, 'en', false), [{ kind: 'text', text: 'Hi' }]);
  });
});

describe('fitToCapabilities: long text', () => {
  test('splits long text into parts never above the maximum when the text is too long', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const parts = fit([{ kind: 'text', text }], { maxTextLength: 160 });
    assert.ok(parts.length > 1);
    for (const part of parts) {
      assert.equal(part.kind, 'text');
      if (part.kind === 'text') {
        assert.ok(part.text.length <= 160, `part of ${part.text.length}`);
        assert.match(part.text, /\.$/, 'parts end at a sentence boundary');
      }
    }
    assert.equal(parts.map((part) => (part.kind === 'text' ? part.text : '')).join(' '), text);
  });

  test('keeps the order of several contents when each is fitted', () => {
    const parts = fit(
      [
        { kind: 'text', text: 'First' },
        { kind: 'location', latitude: 1, longitude: 2 },
        { kind: 'text', text: 'Last' },
      ],
      {},
    );
    assert.deepEqual(
      parts.map((part) => (part.kind === 'text' ? part.text.split('\n')[0] : part.kind)),
      ['First', 'https://www.openstreetmap.org/?mlat=1&mlon=2#map=17/1/2', 'Last'],
    );
  });
});

describe('splitText', () => {
  test('returns the text unchanged when it fits', () => {
    assert.deepEqual(splitText('hello', 5), ['hello']);
    assert.deepEqual(splitText('', 5), ['']);
  });

  test('cuts at a paragraph when one is far enough into the part', () => {
    assert.deepEqual(splitText('aaaa aaaa.\n\nbbbb bbbb.', 15), ['aaaa aaaa.', 'bbbb bbbb.']);
  });

  test('cuts at a sentence when there is no paragraph', () => {
    assert.deepEqual(splitText('One two three. Four five six.', 20), ['One two three.', 'Four five six.']);
  });

  test('cuts at a word when there is no sentence boundary', () => {
    assert.deepEqual(splitText('alpha beta gamma delta', 11), ['alpha beta', 'gamma delta']);
  });

  test('cuts inside a word only when a word is longer than the maximum', () => {
    assert.deepEqual(splitText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  });

  test('never splits a surrogate pair when cutting inside a word', () => {
    const parts = splitText('ab😀cd', 3);
    assert.deepEqual(parts, ['ab', '😀c', 'd']);
  });

  test('never returns a part above the maximum for random text', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'abc de.\n!? ';
    for (let round = 0; round < 200; round++) {
      const max = 1 + Math.floor(random() * 30);
      const text = Array.from({ length: Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const part of splitText(text, max)) assert.ok(part.length <= max);
      const squash = (s: string) => s.replace(/\s+/g, '');
      assert.equal(squash(splitText(text, max).join('')), squash(text));
    }
  });
});

describe('fitToCapabilities: every output', () => {
  test('is schema-valid and within the text limit for every combination of capabilities', () => {
    const contents: Content[] = [
      buildMenu(['Horário de atendimento', 'Segunda via do boleto', 'Falar com atendente', 'Outro assunto']),
      buildList(),
      { kind: 'text', text: 'Parágrafo longo. '.repeat(40) },
      { kind: 'media', mediaType: 'video', url: 'https://cdn.example.com/v.mp4', caption: 'Veja '.repeat(30) },
      { kind: 'location', latitude: 10, longitude: 20, address: 'Rua B' },
      { kind: 'contact_card', name: 'Loja', phones: ['+551130000000'], emails: [] },
      { kind: 'template', name: 'promo', language: 'pt_BR', parameters: [] },
    ];
    for (const maxTextLength of [20, 160, 4096]) {
      for (const quickReplies of [null, { max: 3, maxLabelLength: 10 }, { max: 10, maxLabelLength: 1 }]) {
        for (const lists of [
          null,
          { maxRows: 2, maxRowTitleLength: 5, maxButtonLabelLength: 5 },
          { maxRows: 10, maxRowTitleLength: 72, maxButtonLabelLength: 20 },
        ]) {
          for (const optionsStyle of ['numbered_text', 'spoken'] as const) {
            const caps = { maxTextLength, quickReplies, lists, optionsStyle, mediaTypes: ['image' as const] };
            for (const content of fit(contents, caps, 'pt-BR')) {
              assert.equal(contentSchema.safeParse(content).success, true, JSON.stringify(content));
              if (content.kind === 'text' || content.kind === 'list') assert.ok(content.text.length <= maxTextLength);
              if (content.kind === 'media') assert.ok((content.caption ?? '').length <= maxTextLength);
              if (content.kind === 'text' && content.quickReplies) {
                assert.ok(quickReplies !== null && content.quickReplies.length <= quickReplies.max);
                for (const reply of content.quickReplies) assert.ok(reply.label.length <= (quickReplies?.maxLabelLength ?? 0));
              }
              if (content.kind === 'list') {
                assert.ok(lists !== null);
                assert.ok(content.buttonLabel.length <= (lists?.maxButtonLabelLength ?? 0));
                for (const row of content.sections.flatMap((section) => section.rows)) {
                  assert.ok(row.title.length <= (lists?.maxRowTitleLength ?? 0));
                }
              }
            }
          }
        }
      }
    }
  });
});

describe('fitToCapabilities: one reply per turn', () => {
  const voice: ChannelCapabilitiesInput = { maxTextLength: 600, optionsStyle: 'spoken', joinReplies: true };

  test('joins the turn’s texts into one, the spoken options last, when the channel takes one reply per turn', () => {
    const out = fit([{ kind: 'text', text: 'Olá!' }, buildMenu(['Horário', 'Atendente'])], voice, 'pt-BR');
    assert.equal(out.length, 1);
    const [only] = out;
    assert.equal(only?.kind, 'text');
    assert.match(only?.kind === 'text' ? only.text : '', /^Olá!\n\nComo posso ajudar\?[\s\S]*1[\s\S]*horário[\s\S]*2[\s\S]*atendente/i);
  });

  test('keeps texts apart when joining them would pass the length limit, and never joins without the flag', () => {
    const long = 'a'.repeat(400);
    assert.equal(
      fit(
        [
          { kind: 'text', text: long },
          { kind: 'text', text: long },
        ],
        voice,
      ).length,
      2,
    );
    assert.equal(
      fit(
        [
          { kind: 'text', text: 'a' },
          { kind: 'text', text: 'b' },
        ],
        { maxTextLength: 600 },
      ).length,
      2,
    );
  });
});

describe('fitToCapabilities: limits of messages with buttons, lists and captions', () => {
  const caps: ChannelCapabilitiesInput = {
    ...richCaps,
    quickReplies: { max: 3, maxLabelLength: 20, maxTextLength: 1024 },
    lists: { maxRows: 10, maxRowTitleLength: 24, maxButtonLabelLength: 20, maxTextLength: 1024 },
    maxCaptionLength: 1024,
  };
  const long = Array.from({ length: 300 }, (_, i) => `palavra${i}`).join(' ');

  test('text too long to carry buttons goes first, and the buttons ride on a last part within the limit', () => {
    const out = fit([{ kind: 'text', text: long, quickReplies: [{ id: 'a', label: 'Sim' }] }], caps);
    assert.ok(out.length >= 2);
    const last = out.at(-1);
    assert.equal(last?.kind, 'text');
    if (last?.kind !== 'text') return;
    assert.ok(last.text.length <= 1024);
    assert.deepEqual(last.quickReplies, [{ id: 'a', label: 'Sim' }]);
    assert.ok(out.slice(0, -1).every((part) => part.kind === 'text' && part.quickReplies === undefined));
    assert.equal(out.map((part) => (part.kind === 'text' ? part.text : '')).join(' '), long);
  });

  test('a list keeps its text within the list limit, and a caption over the caption limit follows as text', () => {
    const list = fit([buildList({ text: long })], caps);
    const last = list.at(-1);
    assert.equal(last?.kind, 'list');
    assert.ok(last?.kind === 'list' && last.text.length <= 1024);
    const media = fit([{ kind: 'media', mediaType: 'image', url: 'https://x.example/a.jpg', caption: long }], caps);
    assert.equal(media.length >= 2, true);
    assert.equal(media[0]?.kind === 'media' && media[0].caption, undefined);
  });
});
