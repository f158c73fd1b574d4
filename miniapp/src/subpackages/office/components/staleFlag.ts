/**
 * A flag one page sets after it changed something a list elsewhere shows, and the list takes (and
 * clears) when it is shown again, to reload then rather than on every visit.
 */
export function staleFlag(): { mark: () => void; take: () => boolean } {
  let stale = false
  return {
    mark: () => {
      stale = true
    },
    take: () => {
      const was = stale
      stale = false
      return was
    },
  }
}
