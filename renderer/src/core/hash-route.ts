import { useEffect, useState } from 'react'
import { hrefOf, parseRoute, type Route } from './screen-registry'

/**
 * Screens are addressed by the URL hash so a reload (F5, a crash, a restart) returns the clerk to
 * the same screen, and links such as "Buka data" are plain anchors that work from the keyboard.
 * The addresses, and how to read and write them, are the screen registry's.
 */
export { hrefOf, parseRoute, type Route } from './screen-registry'

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
