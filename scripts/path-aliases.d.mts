export declare function pathAliases(root: string): { find: RegExp; replacement: string }[]
