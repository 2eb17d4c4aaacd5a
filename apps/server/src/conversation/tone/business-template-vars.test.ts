import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceDefinition } from '../../workspace/index.ts';
import { workspaceFileSchema } from '../../workspace/workspace.schema.ts';
import { businessTemplateVars, nowTemplateVars } from './business-template-vars.ts';

const weekday = [{ open: '09:00', close: '18:00' }];
function buildWorkspace(): WorkspaceDefinition {
  return workspaceFileSchema.parse({
    id: 'loja-exemplo',
    name: 'Loja Exemplo',
    languages: ['pt-BR', 'en', 'es'],
    defaultLanguage: 'pt-BR',
    timezone: 'America/Sao_Paulo',
    businessHours: {
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: weekday,
      sat: [{ open: '09:00', close: '13:00' }],
      sun: [],
      holidays: ['2026-12-25'],
    },
    widget: { title: { 'pt-BR': 'Loja' }, greeting: { 'pt-BR': 'Oi' } },
  });
}

test('says it is open until closing time on a weekday afternoon', () => {
  // Tuesday 2026-11-24 14:00 in São Paulo.
  const vars = businessTemplateVars(buildWorkspace(), 'pt-BR', new Date('2026-11-24T17:00:00Z'));
  assert.deepEqual(vars, {
    name: 'Loja Exemplo',
    hours: 'Segunda a sexta, das 9h às 18h; sábado, das 9h às 13h; domingo fechado',
    openNow: 'Estamos abertos agora, até as 18h.',
    nextOpening: 'em instantes',
  });
});

test('says when it opens again at night, in each language', () => {
  const night = new Date('2026-11-24T23:30:00Z'); // Tuesday 20:30
  assert.equal(businessTemplateVars(buildWorkspace(), 'pt-BR', night).openNow, 'No momento estamos fechados. Abrimos amanhã às 9h.');
  assert.equal(businessTemplateVars(buildWorkspace(), 'pt-BR', night).nextOpening, 'amanhã às 9h');
  assert.equal(businessTemplateVars(buildWorkspace(), 'en', night).nextOpening, 'tomorrow at 9am');
  assert.equal(businessTemplateVars(buildWorkspace(), 'es', night).openNow, 'Ahora estamos cerrados. Abrimos mañana a las 9:00.');
});

test('mentions the holiday when closed for one', () => {
  const christmas = new Date('2026-12-25T15:00:00Z'); // Friday, a holiday
  assert.equal(
    businessTemplateVars(buildWorkspace(), 'pt-BR', christmas).openNow,
    'Hoje é feriado e estamos fechados. Abrimos amanhã às 9h.',
  );
});

test('still says something when the business never opens', () => {
  const workspace = buildWorkspace();
  const closed = { ...workspace, businessHours: { ...workspace.businessHours, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } };
  const vars = businessTemplateVars(closed, 'en', new Date('2026-11-24T17:00:00Z'));
  assert.equal(vars.openNow, "We're closed right now.");
  assert.equal(vars.nextOpening, 'as soon as possible');
});

test('gives the date and time on the business wall clock', () => {
  const lateNight = new Date('2026-11-25T01:30:00Z'); // still the 24th, 22:30, in São Paulo
  assert.deepEqual(nowTemplateVars(buildWorkspace(), 'pt-BR', lateNight), { date: '24/11/2026', time: '22h30' });
  assert.deepEqual(nowTemplateVars(buildWorkspace(), 'en', lateNight), { date: '11/24/2026', time: '10:30pm' });
});
