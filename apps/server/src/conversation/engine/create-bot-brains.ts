import { watch, type FSWatcher } from 'node:fs';
import type { WorkspaceDefinition } from '../../workspace/index.ts';
import { formatWorkspaceErrors } from '../../workspace/index.ts';
import type { EnvValues } from '../../workspace/substitute-env.ts';
import type { IntentClassifier } from '../nlu/intent-classifier.ts';
import type { FlowDefinition } from '../flows/index.ts';
import { buildBotBrain, type BotBrain } from './build-bot-brain.ts';
import { loadBotContent, type BotContent } from './load-bot-content.ts';
import type { FlowVersionStore } from './flow-version-store.ts';

/**
 * Every workspace's brain, trained in the background at start-up and again when its content folders
 * change. Conversations keep being answered by the previous brain while a new one trains; content
 * with errors is reported and not used, so a typo never takes the bot down.
 */
export interface BotBrains {
  /** Starts training a workspace's brain from content already loaded and checked. */
  register(entry: { workspaceId: string; dir: string; definition: WorkspaceDefinition; content: BotContent }): void;
  /** The brain in use (waits for the first training to finish). */
  ready(workspaceSlug: string): Promise<BotBrain | null>;
  /** The flow version a running conversation started on (the current one when it is the same). */
  flowVersion(workspaceSlug: string, flowId: string, version: string): Promise<FlowDefinition | null>;
  /** Re-reads a workspace's content now (also what the folder watcher calls). */
  reload(workspaceSlug: string): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Watches content folders and reloads on change. */
  watch(): void;
  close(): void;
}

export interface BotBrainsDeps {
  classifier: IntentClassifier;
  versions: FlowVersionStore;
  env: EnvValues;
  clock: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Quiet period after the last file change before reloading. */
  debounceMs?: number;
}

interface Entry {
  workspaceId: string;
  dir: string;
  definition: WorkspaceDefinition;
  current: Promise<BotBrain | null>;
  /** Bumped by every reload, so an older training that finishes late never replaces a newer brain. */
  generation: number;
}

const contentFolder = /^(?:intents|faq|flows)(?:[/\\]|$)/;

export function createBotBrains(deps: BotBrainsDeps): BotBrains {
  const entries = new Map<string, Entry>();
  const watchers: FSWatcher[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const train = async (entry: Entry, content: BotContent): Promise<BotBrain | null> => {
    await deps.versions.save(entry.workspaceId, content.flows, deps.clock().toISOString());
    const brain = await buildBotBrain(content, deps.classifier);
    deps.log.info(
      {
        workspace: entry.definition.id,
        intents: content.intents.length,
        faq: content.faq.length,
        flows: content.flows.length,
        trainMs: brain.trainedInMs,
      },
      'bot content trained',
    );
    return brain;
  };

  const reload = async (slug: string): Promise<{ ok: true } | { ok: false; message: string }> => {
    const entry = entries.get(slug);
    if (!entry) return { ok: false, message: `no workspace ${slug}` };
    const loaded = await loadBotContent(entry.dir, entry.definition, deps.env);
    if (!loaded.ok) {
      const message = formatWorkspaceErrors(loaded.errors);
      deps.log.error({ workspace: slug }, `bot content not reloaded, the bot keeps the previous version:\n${message}`);
      return { ok: false, message };
    }
    const generation = ++entry.generation;
    const previous = entry.current;
    try {
      const brain = await train(entry, loaded.content);
      if (entry.generation === generation) entry.current = Promise.resolve(brain);
      return { ok: true };
    } catch (err) {
      deps.log.error({ err, workspace: slug }, 'training the bot failed; the bot keeps the previous version');
      entry.current = previous;
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  };

  return {
    register({ workspaceId, dir, definition, content }) {
      const entry: Entry = { workspaceId, dir, definition, current: Promise.resolve(null), generation: 0 };
      entry.current = train(entry, content).catch((err: unknown) => {
        deps.log.error({ err, workspace: definition.id }, 'training the bot failed; it answers with its built-in replies only');
        return null;
      });
      entries.set(definition.id, entry);
    },
    ready: (slug) => entries.get(slug)?.current ?? Promise.resolve(null),
    async flowVersion(slug, flowId, version) {
      const entry = entries.get(slug);
      if (!entry) return null;
      const brain = await entry.current;
      const current = brain?.flows.find((f) => f.id === flowId && f.version === version);
      return current ?? deps.versions.get(entry.workspaceId, flowId, version);
    },
    reload,
    watch() {
      for (const [slug, entry] of entries) {
        let timer: NodeJS.Timeout | null = null;
        try {
          const watcher = watch(entry.dir, { recursive: true, persistent: false }, (_event, file) => {
            if (file && !contentFolder.test(String(file))) return;
            if (timer) clearTimeout(timer);
            timer = setTimeout(() => {
              if (timer) timers.delete(timer);
              void reload(slug);
            }, deps.debounceMs ?? 300);
            timers.add(timer);
          });
          watcher.on('error', (err) => deps.log.warn({ err, workspace: slug }, 'watching bot content stopped'));
          watchers.push(watcher);
        } catch (err) {
          deps.log.warn({ err, workspace: slug }, 'cannot watch the workspace folder; content changes need a restart');
        }
      }
    },
    close() {
      for (const w of watchers.splice(0)) w.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
