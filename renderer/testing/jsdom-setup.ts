/**
 * What jsdom lacks and the views need: matchMedia, ResizeObserver, and element sizes (jsdom lays
 * nothing out, so the virtualised grid would otherwise think it has no room for any row).
 * Import it first in a component test.
 */
export function installJsdomShims(viewport = { width: 1200, height: 600 }): void {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class NoResizeObserver {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
  }
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => viewport.height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => viewport.width });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => viewport.height });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => viewport.width });
  if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = function scrollTo() {};
}
