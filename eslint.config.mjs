import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // ajv's standalone output (npm run compile:validators); a unit test keeps it current.
      '**/*.generated.js',
      '**/*.generated.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // shared/ is domain code used by the renderer, the Electron shell and the server alike:
    // it must not reach for a framework, a storage engine or Node-only modules.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'shared/ stays framework-free.' },
            { group: ['electron', 'electron/*'], message: 'shared/ stays framework-free.' },
            {
              group: ['rxdb', 'rxdb/*', 'dexie'],
              message: 'shared/ must not depend on the store.',
            },
            {
              group: ['node:*', 'fs', 'path', 'crypto'],
              message: 'shared/ runs in the browser too.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer's layers point down (docs/architecture.md): core/ and ui/ ← store/ ← sync/ ←
    // features ← app/. What can be stated by path today: core/ imports nothing of the renderer, and store/
    // imports core/ alone. (Import cycles anywhere: `npm run lint:cycles`, dpdm.)
    files: ['renderer/src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)|(^|/)app(/|$)',
              message: 'core/ is the lowest layer: it imports shared/ and resources/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // ui/ is the kit every feature draws with: it sits beside core/ at the bottom and imports
    // nothing of the renderer (texts come in as props, so it needs no i18n either).
    files: ['renderer/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              message:
                'ui/ is the lowest layer beside core/: it imports React and its own files only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!core/|\\.\\./)|(^|/)app(/|$)',
              message:
                'store/ sits below sync/, the features and app/: it imports core/ and shared/ only (pass anything else in).',
            },
          ],
        },
      ],
    },
  },
  {
    // sync/ holds a session and an enrolment but sits below auth/'s screens: both come from core/.
    files: ['renderer/src/sync/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)auth(/|$)',
              message: 'sync/ sits below auth/: take the session and enrolment from core/.',
            },
          ],
        },
      ],
    },
  },
  {
    // One clock (shared/dates/clock.ts): code asks it for "now" so tests can set the day; durations
    // use performance.now() and timers.
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts', 'server/**/*.ts', 'electron/**/*.ts'],
    ignores: ['shared/dates/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Ask the app clock: currentTime() from shared/dates/clock.ts.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Ask the app clock: currentTimeMs() from shared/dates/clock.ts.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
)
