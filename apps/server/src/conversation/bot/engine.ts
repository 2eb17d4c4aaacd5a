import type { ChannelCapabilities, Content } from '@fio/contracts';
import type { WorkspaceDefinition } from '../../workspace/index.ts';
import type { ReplyWindow } from '../reply-window.ts';

/**
 * The seam between the conversation pipeline and whatever answers as the bot. The first bot and
 * the later NLU/flow engine both implement it; neither knows which channel it serves.
 */

/** Lives on the conversation, so it survives a channel switch and a restart. */
export interface BotState {
  language?: string;
  turns: number;
  /** Consecutive turns the bot did not understand. */
  failures: number;
  lastIntent?: string;
  activeFlow?: { id: string; step: string; slots: Record<string, string> };
}

export interface BotTurnInput {
  workspace: WorkspaceDefinition;
  botState: BotState;
  contact: { displayName: string | null; locale: string | null };
  message: { content: Content; text: string };
  capabilities: ChannelCapabilities;
  /**
   * Whether free-form replies can go out on the reply channel now (WhatsApp's 24-hour window) and why
   * not: an engine that knows can answer with a template instead of a reply that would be blocked.
   */
  replyWindow: ReplyWindow;
  now: Date;
}

export type BotAction = { type: 'handoff'; reason: 'customer_asked' | 'repeated_failure' };

export interface BotTurnResult {
  replies: Content[];
  botState: BotState;
  actions: BotAction[];
  intent: string | null;
}

export interface ConversationEngine {
  runTurn(input: BotTurnInput): Promise<BotTurnResult>;
}

export const initialBotState: BotState = Object.freeze({ turns: 0, failures: 0 });
