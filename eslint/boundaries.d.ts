import type { Linter } from 'eslint';

export declare const pureCore: { readonly files: string[]; readonly ignores: string[] };
export declare function boundaries(basePath: string): Linter.Config[];
