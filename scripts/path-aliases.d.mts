export declare function districtDir(root: string): string
export declare function pathAliases(root: string): { find: RegExp; replacement: string }[]
