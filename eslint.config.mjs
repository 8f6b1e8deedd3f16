import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/**
 * One renderer layer's import rule: `../` is refused (cross-folder imports use the aliases, which
 * name the layer), and `refused` (a regex on the specifier) with `message` when given.
 */
function rendererLayer(files, message, refused) {
  const patterns = [
    {
      regex: '^\\.\\./',
      message: 'Use an alias for another folder: @/<folder>/…, @shared/… or @resources/….',
    },
  ]
  if (refused) patterns.push({ regex: refused, message })
  return [{ files, rules: { 'no-restricted-imports': ['error', { patterns }] } }]
}

/** "Now" comes from the app clock (shared/dates/clock.ts), so tests can set the day. */
const CLOCK_SELECTORS = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Ask the app clock: currentTime() from shared/dates/clock.ts.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Ask the app clock: currentTimeMs() from shared/dates/clock.ts.',
  },
]

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
            { regex: '^@/|renderer/', message: 'shared/ sits below the renderer.' },
          ],
        },
      ],
    },
  },
  // The renderer's layers point down (docs/architecture.md, CONTRIBUTING.md):
  //   core/ and ui/  ←  sync/  ←  features  ←  app/
  // An import across folders names its layer through an alias (`@/core/store/database`,
  // `@shared/…`, `@resources/…`); `../` is refused everywhere in the renderer, so no path can slip
  // past the rules below. (Import cycles anywhere: `npm run lint:cycles`, dpdm.)
  ...rendererLayer(
    ['renderer/src/**/*.{ts,tsx}'],

    'features sit below app/ (the shell alone): take what you need from core/ or pass it in as a prop.',
    '^@/app/',
  ),
  ...rendererLayer(['renderer/src/app/**/*.{ts,tsx}', 'renderer/src/main.tsx']),
  ...rendererLayer(
    ['renderer/src/core/**/*.{ts,tsx}'],

    'core/ is the lowest layer: it imports core/, shared/ and resources/ only (pass anything else in).',
    '^@/(?!core/)',
  ),
  // The catalogue (one per language) gathers each feature's message table. Those tables are leaves
  // (they import shared/ alone), so core/i18n may read them without standing on the features.
  ...rendererLayer(
    ['renderer/src/core/i18n/messages-*.ts'],
    "core/i18n gathers the features' *-messages.ts tables and nothing else above core/.",
    '^@/(?!core/|[a-z-]+/[a-z-]+-messages$)',
  ),
  ...rendererLayer(
    ['renderer/src/*/*-messages.ts'],
    'A message table is a leaf: it imports shared/ only, so the catalogue in core/i18n can read it.',
    '^@/',
  ),
  // ui/ is the kit every feature draws with: texts come in as props, so it needs nothing else.
  ...rendererLayer(
    ['renderer/src/ui/**/*.{ts,tsx}'],

    'ui/ is the lowest layer beside core/: it imports React and its own files only.',
    '^@/',
  ),
  ...rendererLayer(
    ['renderer/src/sync/**/*.{ts,tsx}'],

    'sync/ sits below the features (auth/ included) and app/: it imports core/, ui/ and sync/ only.',
    '^@/(?!core/|ui/|sync/)',
  ),
  {
    // One clock (shared/dates/clock.ts): code asks it for "now" so tests can set the day; durations
    // use performance.now() and timers.
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts', 'server/**/*.ts', 'electron/**/*.ts'],
    ignores: ['shared/dates/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CLOCK_SELECTORS] },
  },
  {
    // Screens and their hooks reach the store through repository functions (core/store, or the
    // feature's own *-repository.ts), never through the RxDB database itself.
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/use-*.ts'],
    ignores: ['renderer/src/core/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...CLOCK_SELECTORS,
        {
          selector: "MemberExpression[property.name='db']",
          message:
            'A screen reaches the store through a repository function (e.g. watchParticipants), not store.db.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
)
