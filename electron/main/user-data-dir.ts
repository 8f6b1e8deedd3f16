import { isAbsolute, resolve } from 'node:path'

export const USER_DATA_DIR_SWITCH = '--user-data-dir='
export const USER_DATA_DIR_ENV = 'NAUNGAN_USER_DATA_DIR'

/**
 * Where to keep this run's data, if not the default. Tests give every run its own folder this
 * way (`--user-data-dir=<dir>` or `NAUNGAN_USER_DATA_DIR`); the switch wins over the variable.
 */
export function userDataDirOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): string | undefined {
  const fromSwitch = argv
    .filter((argument) => argument.startsWith(USER_DATA_DIR_SWITCH))
    .map((argument) => argument.slice(USER_DATA_DIR_SWITCH.length))
    .at(-1)
  const chosen = fromSwitch ?? env[USER_DATA_DIR_ENV]
  if (chosen === undefined || chosen.trim() === '' || chosen.includes('\0')) return undefined
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen)
}
