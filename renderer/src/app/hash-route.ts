import { useEffect, useState } from 'react'
import { SCREEN_IDS, SCREENS, type ScreenId } from './screen-registry'

/**
 * Screens are addressed by the URL hash so a reload (F5, a crash, a restart) returns the clerk to
 * the same screen, and links such as "Buka data" are plain anchors that work from the keyboard.
 * The addresses are the screen registry's (screen-registry.ts).
 */
export type Route =
  | { screen: Exclude<ScreenId, 'participant'> }
  | { screen: 'participant'; id: string; mode: 'view' | 'edit' }

const PARTICIPANT_PATH = /^\/peserta\/([\w-]{1,40})(\/ubah)?$/

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const participant = PARTICIPANT_PATH.exec(path)
  if (participant) {
    return {
      screen: 'participant',
      id: participant[1] as string,
      mode: participant[2] ? 'edit' : 'view',
    }
  }
  const screen = SCREEN_IDS.find((id) => id !== 'participant' && SCREENS[id].path === path)
  // An unknown address (and the first start's empty one) is the registration screen, as before.
  return screen && screen !== 'participant' ? { screen } : { screen: 'register' }
}

export function hrefOf(route: Route): string {
  if (route.screen === 'participant') {
    return `#/peserta/${route.id}${route.mode === 'edit' ? '/ubah' : ''}`
  }
  return `#${SCREENS[route.screen].path}`
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
