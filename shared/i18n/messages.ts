import type { Language } from './language'
import { format, type FormatValues } from './format'

/**
 * One feature's strings in one language, keyed like the Indonesian table `T`: a translation typed
 * `Messages<typeof fooMessagesId>` fails the typecheck with a key missing or one too many.
 */
export type Messages<T> = { readonly [K in keyof T]: string }

/** A namespace's keys under its prefix: `{ title }` in `verify` → `{ 'verify.title' }`. */
export type Namespaced<N extends string, T> = {
  readonly [K in keyof T & string as `${N}.${K}`]: string
}

export function namespaced<N extends string, T extends Readonly<Record<string, string>>>(
  namespace: N,
  messages: T,
): Namespaced<N, T> {
  return Object.fromEntries(
    Object.entries(messages).map(([key, text]) => [`${namespace}.${key}`, text]),
  ) as Namespaced<N, T>
}

export type MessageTables<K extends string> = Readonly<
  Record<Language, Readonly<Record<K, string>>>
>

/**
 * A feature's `text(language, key, params)`, reading its namespace of the catalogue. A key this
 * build does not know (built from a server's words, say) shows as it is rather than breaking the
 * screen.
 */
export function textFor<K extends string>(tables: MessageTables<K>) {
  return function text(language: Language, key: K, values?: FormatValues): string {
    const template = (tables[language] as Partial<Record<string, string>>)[key]
    return template === undefined ? key : format(template, values, language)
  }
}
