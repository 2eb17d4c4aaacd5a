import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeStoryFailure, parseStoryText, runStory } from '../../src/conversation/stories/index.ts';
import { repoRoot } from '../support/test-app.ts';

const workspaceDir = join(repoRoot, 'workspaces/demo');
const options = { workspaceDir, root: repoRoot, workspaceSlug: 'loja-exemplo' };

test('one customer on the widget, WhatsApp, SMS and the API is one contact, and a failed step reports where and what the bot said', async () => {
  const read = parseStoryText(
    'runner.yaml',
    `stories:
  - name: quatro canais
    steps:
      - user: oi
      - bot: { says: olá }
      - channel: whatsapp
      - user: quero falar com uma pessoa
      - bot: { does: handoff, reason: customer_asked }
      - expect: { status: queued }
      - channel: sms
      - user: alguém aí?
      - bot: { silent: true }
      - channel: api
      - user: ainda esperando
      - bot: { says: resposta que o bot nunca dá }
`,
  );
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  const [story] = read.stories;
  assert.ok(story);
  const result = await runStory(story, options);
  assert.ok(!result.ok, 'the last step cannot pass');
  const { failure } = result;
  assert.equal(failure.story, 'quatro canais');
  assert.equal(failure.step, 12);
  assert.equal(failure.line, 15);
  assert.match(failure.expected, /resposta que o bot nunca d/);
  assert.match(failure.problem, /said nothing more/, "a queued conversation is the team's: the bot stays quiet");
  // Every message is in the one conversation, each with the channel it came by.
  assert.match(failure.transcript, /customer \(webchat\): oi/);
  assert.match(failure.transcript, /customer \(whatsapp\): quero falar com uma pessoa/);
  assert.match(failure.transcript, /handoff requested \(reason customer_asked/);
  assert.match(failure.transcript, /customer \(sms\): alguém aí\?/);
  assert.match(failure.transcript, /customer \(api\): ainda esperando/);
  const report = describeStoryFailure(failure);
  assert.match(report, /story "quatro canais" failed at step 12 \(runner\.yaml:15\)/);
});

test('a pick of a label the bot never offered fails the step instead of sending something else', async () => {
  const read = parseStoryText(
    'pick.yaml',
    'stories:\n  - name: escolha\n    steps:\n      - user: oi\n      - user: { pick: Opção que não existe }\n',
  );
  assert.ok(read.ok);
  const [story] = read.stories;
  assert.ok(story);
  const result = await runStory(story, options);
  assert.ok(!result.ok);
  assert.equal(result.failure.step, 2);
  assert.match(result.failure.problem, /no quick reply labelled "Opção que não existe"/);
});
