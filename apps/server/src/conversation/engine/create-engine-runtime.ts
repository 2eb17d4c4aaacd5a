import type { Db } from '../../storage/index.ts';
import { formatWorkspaceErrors, type EnvValues, type WorkspaceDefinition } from '../../workspace/index.ts';
import type { ConversationEngine } from '../bot/engine.ts';
import { createHttpActionRunner, type HttpActionRunner } from '../actions/index.ts';
import { createLinearIntentClassifier } from '../nlu/create-linear-intent-classifier.ts';
import type { IntentClassifier } from '../nlu/intent-classifier.ts';
import { createBotBrains, type BotBrains } from './create-bot-brains.ts';
import { createConversationEngine } from './create-conversation-engine.ts';
import { createFlowVersionStore } from './flow-version-store.ts';
import { loadBotContent } from './load-bot-content.ts';

export class BotContentError extends Error {
  override readonly name = 'BotContentError';
}

export interface EngineRuntimeOptions {
  db: Db;
  workspaces: { workspaceId: string; dir: string; definition: WorkspaceDefinition }[];
  env: EnvValues;
  clock: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  classifier?: IntentClassifier;
  /**
   * Rewrites a flow action's URL before the SSRF guard (the playground's `fio-playground.invalid` →
   * this Fio's own address); a rewritten URL is trusted, being Fio itself.
   */
  rewriteUrl?: (url: URL) => URL | null;
  /** Reload content when its files change (on by default). */
  watch?: boolean;
}

export interface EngineRuntime {
  engine: ConversationEngine;
  brains: BotBrains;
  close(): void;
}

/**
 * Loads every workspace's bot content (refusing to start on an error, named by file and line),
 * starts training in the background, and builds the engine with one HTTP runner per workspace.
 */
export async function createEngineRuntime(options: EngineRuntimeOptions): Promise<EngineRuntime> {
  const brains = createBotBrains({
    classifier: options.classifier ?? createLinearIntentClassifier(),
    versions: createFlowVersionStore(options.db),
    env: options.env,
    clock: options.clock,
    log: options.log,
  });
  const problems: string[] = [];
  for (const ws of options.workspaces) {
    const loaded = await loadBotContent(ws.dir, ws.definition, options.env);
    if (!loaded.ok) {
      problems.push(formatWorkspaceErrors(loaded.errors));
      continue;
    }
    if (loaded.warnings.length > 0)
      options.log.warn({ workspace: ws.definition.id }, `bot content warnings:\n${formatWorkspaceErrors(loaded.warnings)}`);
    brains.register({ ...ws, content: loaded.content });
  }
  if (problems.length > 0) throw new BotContentError(`bot content is invalid:\n${problems.join('\n')}`);
  if (options.watch !== false) brains.watch();

  const runners = new Map<string, HttpActionRunner>();
  const rewrite = options.rewriteUrl;
  const httpFor = (workspace: WorkspaceDefinition): HttpActionRunner => {
    let runner = runners.get(workspace.id);
    if (!runner) {
      runner = createHttpActionRunner({
        policy: { allowPrivate: workspace.http.allowPrivate },
        ...(rewrite
          ? {
              rewriteUrl: (url: URL) => {
                const to = rewrite(url);
                return to ? { url: to, trusted: true } : null;
              },
            }
          : {}),
        log: options.log,
      });
      runners.set(workspace.id, runner);
    }
    return runner;
  };
  return { engine: createConversationEngine({ brains, httpFor }), brains, close: () => brains.close() };
}
