// Workspace as code: reads a workspace folder (workspace.yaml now; intents/, faq/, flows/, segments
// later), substitutes ${ENV} and validates it, with errors that name file, line and field.
// It must not import channel packages (their schemas are passed in) nor touch storage or HTTP.
export { loadWorkspace } from './load-workspace.ts';
export type {
  ChannelSchemaRegistry,
  ChannelSchemas,
  LoadWorkspaceOptions,
  LoadWorkspaceResult,
  WorkspaceDefinition,
} from './load-workspace.ts';
export { formatWorkspaceErrors } from './workspace-error.ts';
export type { WorkspaceError } from './workspace-error.ts';
export { substituteEnv } from './substitute-env.ts';
export type { EnvValues } from './substitute-env.ts';
export { supportedLanguages, weekdays, workspaceFileSchema } from './workspace.schema.ts';
export type {
  BusinessHoursDefinition,
  ChannelConnectionDefinition,
  Language,
  LocalizedText,
  EffectiveTone,
  EscalationPolicy,
  NluSettings,
  Tone,
  Weekday,
  WorkspaceFile,
} from './workspace.schema.ts';
