// Type-aware lint for the whole repo, plus the import boundaries of DESIGN.md §2.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const channelPackages = ['@fio/channel-*', '!@fio/channel-kit', '!@fio/channel-kit/*'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'apps/server/src/storage/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // Tests may poke at unknown JSON with fewer ceremonies.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'packages/channel-kit/src/contract-suite.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' }] },
      ],
    },
  },
  // ---- Boundaries (DESIGN.md §2) ----
  {
    files: ['packages/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@fio/*', '../../*'], message: 'contracts import nothing of Fio: they are the shared shapes.' }] },
      ],
    },
  },
  {
    files: ['packages/channel-kit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@fio/*', '!@fio/contracts', '!@fio/channel-kit', '!@fio/channel-kit/*'],
              message: 'channel-kit imports only @fio/contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/channels/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@fio/*', '!@fio/contracts', '!@fio/channel-kit', '!@fio/channel-kit/*'],
              message: 'a channel package imports only @fio/contracts and @fio/channel-kit.',
            },
            { group: ['**/apps/**', '../../*/src/**'], message: 'a channel package never reaches into the server or another channel.' },
          ],
        },
      ],
    },
  },
  {
    // A channel's own tests may drive the provider emulator: it is written apart, from the provider's docs.
    files: ['packages/channels/*/test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@fio/*', '!@fio/contracts', '!@fio/channel-kit', '!@fio/channel-kit/*', '!@fio/emulators'],
              message: 'a channel test imports only @fio/contracts, @fio/channel-kit and @fio/emulators.',
            },
            { group: ['**/apps/**', '../../*/src/**'], message: 'a channel package never reaches into the server or another channel.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/emulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@fio/*', '!@fio/contracts', '**/apps/**', '**/channels/**'],
              message: 'an emulator is written from the provider docs alone: it never imports a channel package or the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/conversation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: channelPackages, message: 'the engine never imports a channel package: ask for capabilities.' },
            { group: ['**/http/**', '**/realtime/widget-gateway*'], message: 'the engine never imports http/ or the gateway.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      'apps/server/src/channels/**',
      'apps/server/src/conversation/**',
      'apps/server/src/realtime/**',
      'apps/server/src/app.ts',
      'apps/server/src/cli/**',
      'apps/server/src/workspace-sync.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: channelPackages, message: 'only the channel catalogue, the gateway and the composition root name channel packages.' },
          ],
        },
      ],
    },
  },
  {
    // The inbox is a browser app served by Fio: it reaches the server only over HTTP and /ws/inbox.
    files: ['apps/inbox/src/**/*.ts', 'apps/inbox/src/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@fio/*', '!@fio/contracts'], message: 'the inbox imports only @fio/contracts (shapes), never server code.' },
            { group: ['**/server/**', '**/widget/**'], message: 'the inbox talks to the server over HTTP and /ws/inbox, never by import.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/widget/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'the widget bundle stays small: no zod in the browser.' }],
          patterns: [{ group: ['@fio/*', '!@fio/contracts'], message: 'the widget imports only types from @fio/contracts.' }],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
    },
  },
);
