import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describeStoryFailure, readStoriesFolder, runStory } from '../../src/conversation/stories/index.ts';
import { formatWorkspaceErrors } from '../../src/workspace/index.ts';
import { repoRoot } from '../support/test-app.ts';

// Every story of the demo workspace, one test each, so the report names the story that failed.
// Each story has its own Fio (own port, own SQLite), so a few run side by side.
const workspaceDir = join(repoRoot, 'workspaces/demo');
const read = await readStoriesFolder(join(workspaceDir, 'stories'));

describe('demo stories', { concurrency: Math.max(1, Math.min(4, availableParallelism() - 1)) }, () => {
  if (!read.ok) {
    test('the demo stories load', () => assert.fail(`story files have errors:\n${formatWorkspaceErrors(read.errors)}`));
    return;
  }
  for (const story of read.stories) {
    test(story.name, async () => {
      const result = await runStory(story, { workspaceDir, root: repoRoot, workspaceSlug: 'loja-exemplo' });
      if (!result.ok) assert.fail(describeStoryFailure(result.failure));
    });
  }
});
