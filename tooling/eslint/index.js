/**
 * Shared ESLint flat config: type-checked TypeScript rules, type-only imports, and a ban on
 * reading process.env outside each app's validated env.ts.
 *
 * typescript-eslint supports TypeScript < 6.1, so linting runs on TypeScript 6 (this package's
 * own dependency) while `tsc` type-checks on TypeScript 7.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export const ignores = {
  ignores: [
    '**/node_modules/**',
    '**/.next/**',
    '**/dist/**',
    '**/src/generated/**',
    '**/test-results/**',
    '**/playwright-report/**',
    '**/*.config.*',
    '**/next-env.d.ts',
    // Third-party files copied in at install (the amis SDK).
    '**/public/amis-sdk/**',
  ],
};

/** Test code (suites, helpers) reads untyped JSON bodies and rows on purpose. */
export function testCode(files) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  };
}

export const base = tseslint.config(
  ignores,
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: "Read configuration from the app's env.ts.",
        },
      ],
      // Async functions that implement an async interface need not await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Tests read untyped JSON bodies and rows on purpose.
  testCode(['**/*.test.ts', '**/e2e/**', '**/src/test/**']),
  {
    // Where the environment is read and validated, and tests/tooling that set it up.
    files: [
      '**/env.ts',
      '**/dev-env.ts',
      '**/tooling-env.ts',
      '**/*.test.ts',
      '**/e2e/**',
      '**/testing/**',
      '**/scripts/**',
      '**/examples/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);

export const react = tseslint.config(...base, {
  // Components, and hooks in files of their own.
  files: ['**/*.tsx', '**/use-*.ts'],
  plugins: { 'react-hooks': reactHooks },
  rules: reactHooks.configs.recommended.rules,
});

export default base;
