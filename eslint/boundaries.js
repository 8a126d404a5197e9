/**
 * The import boundaries of docs/architecture.md as flat-config objects: the layer order, no
 * import cycles, a pure core without I/O, and edges that know the plan's types but not its code.
 * `basePath` is the repository root that the layer paths are relative to.
 */
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { layerZones } from './layers.js';

/** Node modules that reach the disk, the network, processes or the terminal. */
const ioModules = ['fs', 'fs/promises', 'net', 'http', 'http2', 'https', 'tls', 'dgram', 'dns', 'dns/promises']
  .concat(['child_process', 'cluster', 'worker_threads', 'readline', 'readline/promises', 'process', 'os'])
  .flatMap((name) => [name, `node:${name}`]);

/** Packages that do I/O or need the runner. */
const ioPackages = ['undici', 'undici/*', '@actions/*', '@octokit/*', 'libsodium-wrappers'];

const pureCoreMessage = 'The pure core (model, spec validation, plan, render) does no I/O: pass data in (docs/architecture.md).';

/** The pure core; src/spec/load.ts is the one spec module that reads files. */
export const pureCore = {
  files: [
    'src/model/**/*.ts',
    'src/spec/**/*.ts',
    'src/plan/**/*.ts',
    'src/render/**/*.ts',
    'src/errors.ts',
    'src/message.ts',
    'src/log.ts',
    'src/log-line.ts',
  ],
  ignores: ['src/spec/load.ts'],
};

export function boundaries(basePath) {
  return [
    {
      languageOptions: { parser: tseslint.parser },
      plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
      settings: {
        // Without these, import-x skips .ts modules when it follows imports (no-cycle).
        'import-x/extensions': ['.ts', '.js'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
        // Sources import `./x.js` for `./x.ts` (NodeNext); the resolver maps one to the other.
        'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
      },
    },
    {
      files: ['src/**/*.ts'],
      rules: {
        'import-x/no-cycle': 'error',
        'import-x/no-restricted-paths': ['error', { basePath, zones: layerZones() }],
      },
    },
    {
      ...pureCore,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: ioModules.map((name) => ({ name, message: pureCoreMessage })),
            patterns: [{ group: ioPackages, message: pureCoreMessage }],
          },
        ],
      },
    },
    {
      files: ['src/proxmox/**/*.ts', 'src/github/**/*.ts', 'src/secrets/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['../plan/*', '../render/*'],
                allowTypeImports: true,
                message: 'An edge may import types from plan/ and render/, not their code (docs/architecture.md).',
              },
            ],
          },
        ],
      },
    },
  ];
}
