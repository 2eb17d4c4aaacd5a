import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeStoryFailure, readStoriesFolder, runStory } from '../../src/conversation/stories/index.ts';
import { formatWorkspaceErrors } from '../../src/workspace/index.ts';
import { repoRoot } from '../support/test-app.ts';

// Every story of the demo workspace, one test each, so the report names the story that failed.
const workspaceDir = join(repoRoot, 'workspaces/demo');
const read = await readStoriesFolder(join(workspaceDir, 'stories'));

if (!read.ok) {
  test('the demo stories load', () => assert.fail(`story files have errors:\n${formatWorkspaceErrors(read.errors)}`));
} else {
  for (const story of read.stories) {
    test(story.name, async () => {
      const result = await runStory(story, { workspaceDir, root: repoRoot, workspaceSlug: 'loja-exemplo' });
      if (!result.ok) assert.fail(describeStoryFailure(result.failure));
    });
  }
}
