import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countSmsSegments, isGsm7 } from '../src/sms/outbound/count-sms-segments.ts';
import { splitBySegments } from '../src/sms/outbound/split-by-segments.ts';

describe('countSmsSegments', () => {
  test('counts plain ASCII as GSM-7: 160 in one segment, 153 per concatenated part', () => {
    assert.deepEqual(countSmsSegments('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(countSmsSegments('a'.repeat(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.deepEqual(countSmsSegments('a'.repeat(306)), { encoding: 'GSM-7', units: 306, segments: 2 });
    assert.deepEqual(countSmsSegments('a'.repeat(307)), { encoding: 'GSM-7', units: 307, segments: 3 });
  });

  test('counts extension characters (€ [ ] { } ^ ~ | \\) as two septets', () => {
    assert.deepEqual(countSmsSegments('€'.repeat(80)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(countSmsSegments('€'.repeat(81)), { encoding: 'GSM-7', units: 162, segments: 2 });
    // 152 plain septets then an escape pair: the pair cannot straddle segments, so it opens the second.
    assert.equal(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`).segments, 2);
    assert.equal(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments, 3);
  });

  test('keeps the accents GSM-7 has (é, è, ñ, ü, à, Ç) in GSM-7', () => {
    assert.equal(isGsm7('Café é bom, señor! à noite? Ç ü ñ è'), true);
    assert.equal(countSmsSegments('Olá').encoding, 'UCS-2');
  });

  test('switches pt-BR text with ã, ç, õ, á, ê to UCS-2: 70 alone, 67 per part', () => {
    for (const char of ['ã', 'ç', 'õ', 'á', 'ê', 'í', 'ó', 'ú', 'â', 'ô']) {
      assert.equal(isGsm7(`promo${char}`), false, `${char} is not in the GSM-7 basic alphabet`);
    }
    const text = 'Não consegui concluir a operação; tente novamente mais tarde, por favor.'; // 72 chars
    assert.deepEqual(countSmsSegments(text), { encoding: 'UCS-2', units: 72, segments: 2 });
    assert.equal(countSmsSegments('ã'.repeat(70)).segments, 1);
    assert.equal(countSmsSegments('ã'.repeat(134)).segments, 2);
    assert.equal(countSmsSegments('ã'.repeat(135)).segments, 3);
  });

  test('counts an emoji as two UTF-16 units and never splits it across segments', () => {
    assert.deepEqual(countSmsSegments('👍'), { encoding: 'UCS-2', units: 2, segments: 1 });
    assert.deepEqual(countSmsSegments('👍'.repeat(35)), { encoding: 'UCS-2', units: 70, segments: 1 });
    // 66 units then a surrogate pair: 68 units would fit two segments by count, but the pair moves.
    assert.equal(countSmsSegments(`${'a'.repeat(65)}ç👍${'a'.repeat(66)}`).segments, 3);
  });

  test('charges one segment for an empty text', () => {
    assert.deepEqual(countSmsSegments(''), { encoding: 'GSM-7', units: 0, segments: 1 });
  });
});

describe('splitBySegments', () => {
  test('leaves a text that fits alone', () => {
    assert.deepEqual(splitBySegments('Olá! Como posso ajudar?', 3), ['Olá! Como posso ajudar?']);
  });

  test('splits a long pt-BR text at word boundaries, each part within the segment cap', () => {
    const sentence = 'Sua encomenda já está a caminho e chegará amanhã à tarde, não se preocupe. ';
    const text = sentence.repeat(8).trim();
    const parts = splitBySegments(text, 3);
    assert.ok(parts.length > 1);
    for (const part of parts) {
      const count = countSmsSegments(part);
      assert.equal(count.encoding, 'UCS-2');
      assert.ok(count.segments <= 3, `"${part}" takes ${count.segments} segments`);
      assert.ok(!/^\s|\s$/.test(part), 'parts are trimmed');
    }
    // Nothing is lost or reordered: the words come back in order.
    assert.equal(parts.join(' ').replace(/\s+/g, ' '), text.replace(/\s+/g, ' '));
    // Cuts fall after whole sentences when one fits comfortably.
    assert.ok(parts.slice(0, -1).every((part) => part.endsWith('.')));
  });

  test('gives a GSM-7 text the 153-septet room per segment', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const parts = splitBySegments(words, 2);
    for (const part of parts) {
      assert.equal(countSmsSegments(part).encoding, 'GSM-7');
      assert.ok(countSmsSegments(part).segments <= 2);
    }
    for (const part of parts.slice(0, -1)) assert.ok(part.length > 295, `part of ${part.length} chars wastes room`);
    assert.equal(parts.join(' '), words);
  });

  test('cuts a word longer than the cap without splitting an emoji', () => {
    const parts = splitBySegments('👍'.repeat(100), 1);
    for (const part of parts) {
      assert.ok(countSmsSegments(part).segments <= 1);
      assert.ok(!/[\uD800-\uDBFF]$/.test(part), 'no lone high surrogate at the end');
    }
    assert.equal(parts.join(''), '👍'.repeat(100));
  });
});
